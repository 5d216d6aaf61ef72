import BPMN
import CLibXML2
import Foundation

/// Counts the Camunda 7 family (Camunda, Operaton, Activiti URIs) and Zeebe extension elements that Baton's reader
/// types, with plain libxml2 XPath and independently of that reader: by namespace URI (never by prefix), in every
/// `bpmn:extensionElements` that is not itself inside another one. Single-valued settings count once per
/// `extensionElements` (the reader keeps a second copy verbatim).
enum IndependentExtensionCount {
    /// Each counted kind with the XPath (relative to an `extensionElements`) that finds its elements.
    static let paths: [String: String] = {
        var paths = [
            "camunda:inputParameter": "\(family("inputOutput"))/\(family("inputParameter"))",
            "camunda:outputParameter": "\(family("inputOutput"))/\(family("outputParameter"))",
            "camunda:connector/inputParameter":
                "\(family("connector"))[1]/\(family("inputOutput"))/\(family("inputParameter"))",
            "camunda:connector/outputParameter":
                "\(family("connector"))[1]/\(family("inputOutput"))/\(family("outputParameter"))",
            "camunda:property": "\(family("properties"))/\(family("property"))",
            "camunda:executionListener": family("executionListener"),
            "camunda:taskListener": family("taskListener"),
            "camunda:field": family("field"),
            "camunda:listener/field": "\(family("executionListener", "taskListener"))/\(family("field"))",
            "camunda:formField": "\(family("formData"))/\(family("formField"))",
            "camunda:in": family("in"),
            "camunda:out": family("out"),
            "camunda:errorEventDefinition": family("errorEventDefinition"),
            "camunda:failedJobRetryTimeCycle": "\(family("failedJobRetryTimeCycle"))[1]",
            "zeebe:input": "z:ioMapping/z:input",
            "zeebe:output": "z:ioMapping/z:output",
            "zeebe:header": "z:taskHeaders/z:header",
            "zeebe:property": "z:properties/z:property",
            "zeebe:executionListener": "z:executionListeners/z:executionListener",
            "zeebe:taskListener": "z:taskListeners/z:taskListener",
        ]
        for single in [
            "taskDefinition", "assignmentDefinition", "taskSchedule", "priorityDefinition", "formDefinition",
            "calledElement", "calledDecision", "subscription", "loopCharacteristics", "script", "versionTag", "adHoc",
        ] {
            paths["zeebe:\(single)"] = "z:\(single)[1]"
        }
        return paths
    }()

    /// How many elements of each kind in `paths` the document holds, or nil when libxml2 cannot read it.
    static func counts(of bytes: [UInt8]) -> [String: Int]? {
        XPathDocument.withContext(bytes, namespaces: ["b": Namespaces.bpmn, "z": Namespaces.zeebe]) { context in
            var counts: [String: Int] = [:]
            for (kind, path) in paths {
                let count = count("//b:extensionElements[not(ancestor::b:extensionElements)]/\(path)", context: context)
                if count != 0 { counts[kind] = count }  // -1: the expression failed, which must show
            }
            return counts
        }
    }

    /// A step matching any of `localNames` in any Camunda 7 family namespace.
    private static func family(_ localNames: String...) -> String {
        let names = localNames.map { "local-name()='\($0)'" }.joined(separator: " or ")
        let uris = [Namespaces.camunda, Namespaces.operaton, Namespaces.activiti]
            .map { "namespace-uri()='\($0)'" }.joined(separator: " or ")
        return "*[(\(names)) and (\(uris))]"
    }

    private static func count(_ expression: String, context: xmlXPathContextPtr) -> Int {
        guard let object = xmlXPathEvalExpression(expression, context) else { return -1 }
        defer { xmlXPathFreeObject(object) }
        guard let set = object.pointee.nodesetval else { return 0 }
        return Int(set.pointee.nodeNr)
    }
}
