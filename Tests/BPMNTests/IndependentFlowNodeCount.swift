import BPMN
import CLibXML2
import Foundation

/// Counts flow nodes per top-level process with plain libxml2 XPath, independently of Baton's reader: every
/// descendant of `/definitions/process[i]` in the BPMN namespace whose name is a flow-node kind, leaving out
/// anything under `extensionElements` (vendors put unprefixed payload there).
enum IndependentFlowNodeCount {
    static func counts(of bytes: [UInt8]) -> [[String: Int]]? {
        XPathDocument.withContext(bytes, namespaces: ["b": Namespaces.bpmn]) { context in
            nodes("/b:definitions/b:process", context: context, node: nil).map { process in
                var counts: [String: Int] = [:]
                for name in FlowNodeKind.elementNames {
                    let count = nodes(".//b:\(name)[not(ancestor::b:extensionElements)]", context: context, node: process)
                        .count
                    if count > 0 { counts[name] = count }
                }
                return counts
            }
        }
    }

    private static func nodes(_ expression: String, context: xmlXPathContextPtr, node: xmlNodePtr?) -> [xmlNodePtr] {
        let object: xmlXPathObjectPtr?
        if let node {
            object = xmlXPathNodeEval(node, expression, context)
        } else {
            object = xmlXPathEvalExpression(expression, context)
        }
        guard let object else { return [] }
        defer { xmlXPathFreeObject(object) }
        guard let set = object.pointee.nodesetval, let table = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { table[$0] }
    }
}
