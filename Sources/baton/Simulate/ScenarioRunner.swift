import BPMN
import EngineCore
import Expressions
import Foundation

/// Runs a scenario against a model: the code path of `baton simulate`, shared with the scenario tests.
enum ScenarioRunner {
    /// What a run printed and how it ended: 0 every expectation holds, 1 one fails (or a step could not be
    /// applied), 2 bad input (unreadable or invalid model or scenario).
    struct Outcome {
        var status: Int32
        var output: String
        var errorOutput: String
    }

    static func run(modelPath: String, scenarioPath: String, processID: String? = nil) -> Outcome {
        let scenario: Scenario
        do {
            guard let data = FileManager.default.contents(atPath: scenarioPath) else {
                return Outcome(status: 2, output: "", errorOutput: "\(scenarioPath): cannot read the scenario file\n")
            }
            scenario = try Scenario.read(data)
        } catch {
            return Outcome(status: 2, output: "", errorOutput: "\(scenarioPath): \(error.description)\n")
        }
        let check = ModelCheck.check(contentsOfFile: modelPath)
        let errors = check.diagnostics.filter { $0.severity == .error }
        guard let definitions = check.definitions, errors.isEmpty else {
            let text = errors.map { $0.formatted(path: modelPath) + "\n" }.joined()
            return Outcome(status: 2, output: "", errorOutput: text + "\(modelPath): the model has errors\n")
        }
        let wanted = processID.map { ElementID($0) } ?? scenario.process
        let process: ExecutableProcess
        switch ProcessCompiler().compile(definitions, processID: wanted) {
        case .success(let compiled): process = compiled
        case .failure(let failure):
            return Outcome(
                status: 2, output: "",
                errorOutput: failure.diagnostics.map { $0.formatted(path: modelPath) + "\n" }.joined())
        }
        return run(scenario, on: process, scenarioPath: scenarioPath)
    }

    static func run(_ scenario: Scenario, on process: ExecutableProcess, scenarioPath: String) -> Outcome {
        let (simulator, failures, badStep) = simulate(scenario, on: process)
        if let badStep { return Outcome(status: 2, output: "", errorOutput: "\(scenarioPath): \(badStep)\n") }
        let output = trace(simulator) + "\n"
        let errorOutput = failures.map { "\(scenarioPath): \($0)\n" }.joined()
        return Outcome(status: failures.isEmpty ? 0 : 1, output: output, errorOutput: errorOutput)
    }

    /// Runs the steps and checks the expectations: the simulator at the end, the failures, and a step that names an
    /// element the process does not have (bad input).
    static func simulate(
        _ scenario: Scenario, on process: ExecutableProcess
    ) -> (simulator: Simulator, failures: [String], badStep: String?) {
        var simulator = Simulator(process: process, start: scenario.clock)
        var failures: [String] = []
        do {
            try simulator.start(
                variables: scenario.variables, businessKey: scenario.businessKey, startEvent: scenario.startEvent)
            for (index, step) in scenario.steps.enumerated() {
                do {
                    try apply(step, to: &simulator)
                } catch {
                    if error.kind == .unknownElement { return (simulator, failures, "steps[\(index)]: \(error)") }
                    failures.append("steps[\(index)] could not be applied: \(error)")
                    break
                }
            }
        } catch {
            failures.append("the instance could not start: \(error)")
        }
        if failures.isEmpty, let expect = scenario.expect {
            failures += check(expect, simulator)
        }
        return (simulator, failures, nil)
    }

    private static func apply(_ step: Scenario.Step, to simulator: inout Simulator) throws(SimulationError) {
        switch step {
        case .complete(let id, let variables): try simulator.complete(id, variables: variables)
        case .error(let id, let code, let message, let variables):
            try simulator.throwError(id, code: code, message: message, variables: variables)
        case .message(let name, let key, let variables):
            try simulator.correlate(name, correlationKey: key, variables: variables)
        case .signal(let name, let variables): try simulator.signal(name, variables: variables)
        case .advanceTime(let duration): try simulator.advanceTime(by: duration)
        }
    }

    /// Every expectation that does not hold, as a sentence.
    static func check(_ expect: Scenario.Expectation, _ simulator: Simulator) -> [String] {
        var failures: [String] = []
        if let state = expect.state, state != simulator.status {
            var text = "expected state \(state), but it is \(simulator.status)"
            if let incident = simulator.incidents.first { text += " (incident at \(incident.elementID): \(incident.message))" }
            failures.append(text)
        }
        let completed = simulator.completed
        if let passed = expect.passed {
            var position = completed.startIndex
            for id in passed {
                if let found = completed[position...].firstIndex(of: id) {
                    position = completed.index(after: found)
                } else if completed.contains(id) {
                    failures.append("'\(id)' completed, but not after the elements listed before it in \"passed\"")
                } else {
                    failures.append("'\(id)' was expected to complete, but did not")
                }
            }
        }
        for id in expect.notPassed ?? [] where completed.contains(id) {
            failures.append("'\(id)' was expected never to complete, but it did")
        }
        if let waitingAt = expect.waitingAt {
            let actual = simulator.waitingAt.map(\.rawValue).sorted()
            let wanted = waitingAt.map(\.rawValue).sorted()
            if actual != wanted {
                failures.append("expected tokens waiting at [\(wanted.joined(separator: ", "))], but they wait at "
                    + "[\(actual.joined(separator: ", "))]")
            }
        }
        let variables = simulator.state.processVariables
        for (name, value) in (expect.variables ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let actual = variables[name] else {
                failures.append("expected variable '\(name)' = \(value.jsonText), but it is not set")
                continue
            }
            if !JSONValues.equal(actual, value) {
                failures.append(
                    "expected variable '\(name)' = \(value.jsonText), but it is \(actual.jsonText)")
            }
        }
        return failures
    }

    /// The trace as one JSON object.
    static func trace(_ simulator: Simulator) -> String {
        let ids: ([ElementID]) -> String = { "[" + $0.map { JSONValues.quote($0.rawValue) }.joined(separator: ",") + "]" }
        let incidents = simulator.incidents.map {
            "{\"elementId\":\(JSONValues.quote($0.elementID.rawValue)),\"message\":\(JSONValues.quote($0.message))}"
        }
        return "{\"state\":\(JSONValues.quote(simulator.status)),\"completed\":\(ids(simulator.completed)),"
            + "\"waitingAt\":\(ids(simulator.waitingAt)),"
            + "\"variables\":\(Value.map(simulator.state.processVariables).jsonText),"
            + "\"incidents\":[\(incidents.joined(separator: ","))]}"
    }
}
