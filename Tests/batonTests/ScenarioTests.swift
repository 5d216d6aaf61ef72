import Foundation
import Testing

@testable import baton

/// Every scenario file under `Tests/batonTests/Scenarios`, run through `baton simulate`'s code path. Files under
/// `camunda/` reproduce Camunda JUnit tests on models of the shared corpus; files under `own/` use models beside them.
@Suite struct ScenarioTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios")
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/bpmn-corpus").standardized

    /// Scenario files relative to the Scenarios folder.
    static let files: [String] = {
        let entries = (try? FileManager.default.subpathsOfDirectory(atPath: scenarios.path)) ?? []
        return entries.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test func thereAreEnoughScenarios() {
        #expect(Self.files.filter { $0.hasPrefix("camunda/") }.count >= 30)
        #expect(Self.files.filter { $0.hasPrefix("own/") }.count >= 8)
    }

    @Test(arguments: files) func scenario(_ file: String) throws {
        let path = Self.scenarios.appendingPathComponent(file).path
        let data = try #require(FileManager.default.contents(atPath: path))
        let header = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let model = try #require(header["model"] as? String, "scenario \(file) names no model")
        let modelPath = model.hasPrefix("own/")
            ? Self.scenarios.appendingPathComponent(model).path : Self.corpus.appendingPathComponent(model).path
        let expected = Int32(header["expectedExitStatus"] as? Int ?? 0)
        let outcome = ScenarioRunner.run(modelPath: modelPath, scenarioPath: path)
        #expect(outcome.status == expected, "\(file): \(outcome.errorOutput)\(outcome.output)")
        if expected == 1 { #expect(outcome.errorOutput.contains("expected")) }
    }
}
