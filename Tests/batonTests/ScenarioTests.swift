import EngineCore
import Foundation
import Testing

@testable import baton

/// Every scenario file under `Tests/batonTests/Scenarios`, run through `baton simulate`'s code path. Files under
/// `camunda/` reproduce Camunda JUnit tests on models of the shared corpus; files under `own/` use models beside them;
/// files under `processes/<name>/` exercise the shipped `processes/<name>.bpmn` (model paths from the repository root).
@Suite struct ScenarioTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios")
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/bpmn-corpus").standardized
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    /// The file a scenario's `model` names: `own/…` beside the scenarios, `processes/…` in the repository, anything
    /// else in the shared corpus.
    static func modelPath(_ model: String) -> String {
        if model.hasPrefix("own/") { return scenarios.appendingPathComponent(model).path }
        if model.hasPrefix("processes/") { return repositoryRoot.appendingPathComponent(model).path }
        return corpus.appendingPathComponent(model).path
    }

    /// Scenario files relative to the Scenarios folder.
    static let files: [String] = {
        let entries = (try? FileManager.default.subpathsOfDirectory(atPath: scenarios.path)) ?? []
        return entries.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test func thereAreEnoughScenarios() {
        #expect(Self.files.filter { $0.hasPrefix("camunda/") }.count >= 30)
        #expect(Self.files.filter { $0.hasPrefix("own/") }.count >= 8)
    }

    /// Every shipped process has its own scenarios (happy path, errors, timers), and they name that process.
    @Test func everyShippedProcessHasScenarios() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("processes").path
        let models = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".bpmn") }
        #expect(models.count >= 3)
        for model in models {
            let name = String(model.dropLast(".bpmn".count))
            let own = Self.files.filter { $0.hasPrefix("processes/\(name)/") }
            #expect(own.count >= 5, "processes/\(model) has only \(own.count) scenario files")
            for file in own {
                let url = Self.scenarios.appendingPathComponent(file)
                let data = try #require(FileManager.default.contents(atPath: url.path))
                let header = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                #expect(header["model"] as? String == "processes/\(model)", "\(file) names another model")
            }
        }
    }

    @Test(arguments: files) func scenario(_ file: String) throws {
        let path = Self.scenarios.appendingPathComponent(file).path
        let data = try #require(FileManager.default.contents(atPath: path))
        let header = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let model = try #require(header["model"] as? String, "scenario \(file) names no model")
        let modelPath = Self.modelPath(model)
        let expected = Int32(header["expectedExitStatus"] as? Int ?? 0)
        let outcome = ScenarioRunner.run(modelPath: modelPath, scenarioPath: path)
        #expect(outcome.status == expected, "\(file): \(outcome.errorOutput)\(outcome.output)")
        if expected == 1 { #expect(outcome.errorOutput.contains("expected")) }
    }

    /// Issue 7's completeness: after each scenario, the instance's history records alone (written as stored, read
    /// back) rebuild exactly the state the engine reached.
    @Test(arguments: files) func historyAloneRebuildsTheState(_ file: String) throws {
        let path = Self.scenarios.appendingPathComponent(file).path
        let data = try #require(FileManager.default.contents(atPath: path))
        let scenario = try Scenario.read(data)
        let header = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let model = try #require(header["model"] as? String)
        let definitions = try #require(ModelCheck.check(contentsOfFile: Self.modelPath(model)).definitions)
        guard case .success(let process) = ProcessCompiler().compile(definitions, processID: scenario.process) else {
            return  // scenarios of models that do not compile are covered by `scenario(_:)` (exit status 2)
        }
        let (simulator, _, badStep) = ScenarioRunner.simulate(scenario, on: process)
        guard badStep == nil else { return }
        #expect(try HistoryRoundTrip.rebuild(simulator.events, in: process) == simulator.state, "\(file)")
    }
}
