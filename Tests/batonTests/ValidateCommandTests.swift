import Foundation
import Testing

@testable import baton

/// `baton validate` end to end: output format, JSON shape, exit statuses.
@Suite final class ValidateCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static let nested = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
          <bpmn:process id="Nested" name="Nested one" isExecutable="true">
            <bpmn:startEvent id="S" />
            <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub" />
            <bpmn:subProcess id="Sub">
              <bpmn:startEvent id="SubStart" />
              <bpmn:sequenceFlow id="F2" sourceRef="SubStart" targetRef="Approve" />
              <bpmn:userTask id="Approve" />
              <bpmn:sequenceFlow id="F3" sourceRef="Approve" targetRef="SubEnd" />
              <bpmn:endEvent id="SubEnd" />
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="F4" sourceRef="Sub" targetRef="E" />
            <bpmn:endEvent id="E" />
          </bpmn:process>
        </bpmn:definitions>
        """

    private static let broken = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
          <bpmn:process id="P" isExecutable="false">
            <bpmn:task id="A" />
            <bpmn:task id="A" />
          </bpmn:process>
        </bpmn:definitions>
        """

    /// A folder for this test's files (Swift Testing makes a suite instance per test), removed in `deinit`.
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ text: String, named name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func shippedProcessesAreValid() {
        let processes = Self.repositoryRoot.appendingPathComponent("processes").path
        let outcome = CommandLineRunner.execute(["validate", processes])
        #expect(outcome.status == 0)
        let lines = outcome.output.split(separator: "\n")
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { $0.contains(": ok (1 process, ") })
    }

    @Test func errorsArePrintedWithPositionAndElementThenSummary() throws {
        let path = try write(Self.broken, named: "broken.bpmn")
        let outcome = CommandLineRunner.execute(["validate", path])
        #expect(outcome.status == 1)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // Sorted by position: the hint on the non-executable process (3:3) comes before the error (5:5).
        #expect(lines.first?.hasPrefix("\(path):3:3: warning: process 'P' has isExecutable=\"false\"") == true)
        #expect(lines.dropFirst().first?.hasPrefix(
            "\(path):5:5: error: id 'A' of <task> is already used by <task> at 4:5") == true)
        #expect(lines.dropFirst().first?.hasSuffix(" [A]") == true)
        #expect(lines.last == "\(path): 1 error, 1 warning (1 process, 2 flow nodes)")
    }

    @Test func jsonReportCountsNestedFlowNodesByElementName() throws {
        let good = try write(Self.nested, named: "nested.bpmn")
        let bad = try write(Self.broken, named: "broken.bpmn")
        let outcome = CommandLineRunner.execute(["validate", "--format", "json", good, bad])
        #expect(outcome.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 2)
        #expect(files[0]["path"] as? String == good)
        let process = try #require((files[0]["processes"] as? [[String: Any]])?.first)
        #expect(process["id"] as? String == "Nested")
        #expect(process["name"] as? String == "Nested one")
        #expect(process["isExecutable"] as? Bool == true)
        #expect(process["flowNodes"] as? [String: Int] == [
            "startEvent": 2, "subProcess": 1, "userTask": 1, "endEvent": 2,
        ])
        let diagnostics = try #require(files[1]["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["rule"] as? String } == ["no-executable-process", "duplicate-id"])
        let diagnostic = try #require(diagnostics.last)
        #expect(diagnostic["severity"] as? String == "error")
        #expect(diagnostic["line"] as? Int == 5)
        #expect(diagnostic["column"] as? Int == 5)
        #expect(diagnostic["elementId"] as? String == "A")
        #expect((diagnostic["message"] as? String)?.contains("already used") == true)
    }

    @Test func unreadableInputIsAnErrorNotACrash() throws {
        let missing = CommandLineRunner.execute(["validate", "--format", "json", "/nonexistent/model.bpmn"])
        #expect(missing.status == 1)
        #expect(missing.output.contains("\"rule\" : \"unreadable-file\""))
        #expect(missing.output.contains("cannot read file"))
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let emptyOutcome = CommandLineRunner.execute(["validate", empty.path])
        #expect(emptyOutcome.status == 1)
        #expect(emptyOutcome.output.hasPrefix("\(empty.path):1:1: error: directory holds no .bpmn or .bpmn20.xml file"))
        let garbage = try write("\u{0}\u{FFFD} not xml <<<", named: "garbage.bpmn")
        let outcome = CommandLineRunner.execute(["validate", "--format", "json", garbage])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("\"severity\" : \"error\""))
    }

    @Test(arguments: [[], ["validate"], ["validate", "--format", "yaml", "x.bpmn"], ["validate", "--bogus", "x"],
        ["frobnicate"]])
    func usageErrorsExitWithTwo(_ arguments: [String]) {
        let outcome = CommandLineRunner.execute(arguments)
        #expect(outcome.status == 2)
        #expect(!outcome.errorOutput.isEmpty)
    }

    @Test func helpExitsWithZero() {
        let outcome = CommandLineRunner.execute(["validate", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("FILE:LINE:COLUMN"))
    }
}

