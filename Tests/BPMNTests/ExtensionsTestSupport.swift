import BPMN
import Foundation
import Testing

/// Loading fixtures and corpus files, and finding elements in them, for the extension reader tests.
enum ExtensionsTestSupport {
    /// Parses `Fixtures/extensions/<name>.bpmn` from the test bundle.
    static func fixture(_ name: String) throws -> ParsedDocument {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let path = fixtures.appendingPathComponent("extensions").appendingPathComponent("\(name).bpmn").path
        return try BPMNParser().parse(contentsOfFile: path)
    }

    /// The shared BPMN corpus, which sits next to the repository root.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/bpmn-corpus").standardizedFileURL

    /// Parses `<corpus>/<relativePath>`.
    static func corpusFile(_ relativePath: String) throws -> ParsedDocument {
        try BPMNParser().parse(contentsOfFile: corpus.appendingPathComponent(relativePath).path)
    }

    /// Parses an inline document.
    static func parse(_ text: String) throws -> ParsedDocument {
        try BPMNParser().parse(text)
    }
}

/// A source location, written short for exact expectations.
func loc(_ line: Int, _ column: Int) -> BPMN.SourceLocation {
    BPMN.SourceLocation(line: line, column: column)
}

/// An attribute `localName="value"` in namespace `uri` ("" for an unprefixed one), written short.
func attribute(_ uri: String, _ localName: String, _ value: String) -> XMLAttribute {
    XMLAttribute(name: XMLName(namespaceURI: uri, localName: localName), value: value)
}

extension Definitions {
    /// The flow node `id` of any process, sub-processes included.
    func node(_ id: ElementID) throws -> FlowNode {
        let nodes = processes.flatMap(\.elements.allFlowNodes)
        return try #require(nodes.first { $0.id == id }, "no flow node \(id)")
    }

    /// The Camunda extensions of flow node `id`.
    func camunda(_ id: ElementID) throws -> CamundaExtensions {
        try #require(try node(id).extensions.camunda, "flow node \(id) has no Camunda extensions")
    }

    /// The Zeebe extensions of flow node `id`.
    func zeebe(_ id: ElementID) throws -> ZeebeExtensions {
        try #require(try node(id).extensions.zeebe, "flow node \(id) has no Zeebe extensions")
    }

    /// The extensions of the first event definition of event `id`.
    func eventDefinitionExtensions(_ id: ElementID) throws -> Extensions {
        try #require(try node(id).kind.eventDefinitions.first, "event \(id) has no event definition").extensions
    }

    /// The extensions of the multi-instance loop of activity `id`.
    func multiInstanceExtensions(_ id: ElementID) throws -> Extensions {
        guard case .multiInstance(let loop) = try node(id).loopCharacteristics else {
            Issue.record("activity \(id) has no multi-instance loop")
            return Extensions()
        }
        return loop.extensions
    }
}

// Source locations make exact comparisons brittle; these reset them so whole values can be compared.
extension CamundaParameterValue {
    /// The value with every script location reset to `.start`.
    var withoutLocations: CamundaParameterValue {
        switch self {
        case .null, .text:
            return self
        case .list(let items):
            return .list(items.map(\.withoutLocations))
        case .map(let entries):
            return .map(entries.map { CamundaMapEntry(key: $0.key, value: $0.value.withoutLocations) })
        case .script(var script):
            script.location = .start
            return .script(script)
        }
    }
}

extension CamundaParameter {
    /// The parameter with every location reset to `.start`.
    var withoutLocations: CamundaParameter {
        CamundaParameter(name: name, value: value.withoutLocations)
    }
}

extension CamundaListener {
    /// The listener with every location reset to `.start`.
    var withoutLocations: CamundaListener {
        var copy = self
        copy.location = .start
        copy.script?.location = .start
        copy.fields = fields.map { CamundaField(name: $0.name, value: $0.value) }
        copy.timeout?.timeDate?.location = .start
        copy.timeout?.timeDuration?.location = .start
        copy.timeout?.timeCycle?.location = .start
        return copy
    }
}
