import BPMN
import Foundation
import Testing

/// One row of the corpus MANIFEST.tsv.
struct CorpusEntry: CustomTestStringConvertible, Sendable {
    var file: String
    var tags: [String: String]

    var testDescription: String { file }

    /// Malformed XML, a wrong root, or not a BPMN document at all (the XSD schemas): must be refused.
    var mustBeRefused: Bool {
        tags["wellformed"] == "no" || tags["root"] != nil || tags["kind"] == "xsd-schema"
    }

    /// The line Python's expat reported for a malformed file.
    var expatLine: Int? {
        guard let error = tags["parse_error"], let range = error.range(of: "line ") else { return nil }
        return Int(error[range.upperBound...].prefix { $0.isNumber })
    }

    static func all() throws -> [CorpusEntry] {
        let manifest = try String(
            contentsOf: TestPaths.corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        return manifest.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 6 else { return nil }
            var tags: [String: String] = [:]
            for pair in columns[5].split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                tags[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
            return CorpusEntry(file: String(columns[0]), tags: tags)
        }
    }
}

@Suite struct CorpusTests {
    static let entries = (try? CorpusEntry.all()) ?? []

    @Test func manifestListsTheWholeCorpus() throws {
        #expect(Self.entries.count >= 400)
        #expect(Self.entries.filter(\.mustBeRefused).count >= 10)
    }

    @Test(arguments: entries)
    func parsesOrRefusesWithPosition(_ entry: CorpusEntry) throws {
        let path = TestPaths.corpus.appendingPathComponent(entry.file).path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let declaresEntities = String(decoding: bytes.prefix(4096), as: UTF8.self).contains("<!ENTITY")
        if entry.mustBeRefused || declaresEntities {
            let error = #expect(throws: BPMNParseError.self) { try BPMNParser().parse(bytes) }
            let first = try #require(error?.diagnostics.first)
            #expect(first.severity == .error)
            #expect(first.location.line >= 1 && first.location.column >= 1)
            if let line = entry.expatLine {
                #expect(first.location.line == line, "libxml2 and expat disagree on the line of \(entry.file)")
            }
            return
        }
        let parsed = try BPMNParser().parse(bytes)
        let expected = try #require(IndependentFlowNodeCount.counts(of: bytes))
        #expect(parsed.definitions.processes.count == expected.count)
        for (process, counts) in zip(parsed.definitions.processes, expected) {
            #expect(process.elements.flowNodeCounts == counts, "process \(process.id) in \(entry.file)")
        }
    }

    @Test func xxeFileNeverReadsTheFileItNames() throws {
        let path = TestPaths.corpus.appendingPathComponent(
            "camunda-engine/BpmnParseTest.testParseProcessDefinitionXXE.bpmn20.xml").path
        let loadsBefore = BPMNTestHooks.refusedExternalLoads
        let error = #expect(throws: BPMNParseError.self) { try BPMNParser().parse(contentsOfFile: path) }
        #expect(error?.diagnostics.first?.rule == .entityDeclaration)
        #expect(error?.diagnostics.first?.message.contains("'xxe'") == true)
        #expect(BPMNTestHooks.refusedExternalLoads == loadsBefore)
    }
}
