import BPMN
import EngineCore
import Expressions
import Foundation
import Testing

@testable import baton

/// The core is deterministic and event-sourced: on every scenario model, seeded random walks (complete a random
/// waiting task, fire the next timer, correlate a message or broadcast a signal someone waits for) give identical
/// events when repeated, replaying the events rebuilds the identical state, so does reading back their history records
/// alone, and the state's stored snapshot reads back identically.
@Suite struct DeterminismTests {
    /// Every model the scenario files use, once.
    static let models: [String] = {
        var paths: Set<String> = []
        for file in ScenarioTests.files {
            let url = ScenarioTests.scenarios.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path),
                let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let model = header["model"] as? String
            else { continue }
            paths.insert(ScenarioTests.modelPath(model))
        }
        return paths.sorted()
    }()

    @Test func thereAreManyModels() { #expect(Self.models.count >= 30) }

    @Test(arguments: models) func randomWalksAreDeterministicAndReplayable(_ path: String) throws {
        let check = ModelCheck.check(contentsOfFile: path)
        let definitions = try #require(check.definitions)
        let output = ProcessCompiler().compile(definitions)
        for process in output.processes.values.sorted(by: { $0.id < $1.id }) {
            for seed in UInt64(1)...8 {
                let first = walk(process, seed: seed)
                let second = walk(process, seed: seed)
                #expect(first.events == second.events, "\(path) seed \(seed): two runs differ")
                #expect(first.state == second.state)
                #expect(EngineCore.replay(first.events, in: process) == first.state, "\(path) seed \(seed): replay")
                #expect(
                    try HistoryRoundTrip.rebuild(first.events, in: process) == first.state,
                    "\(path) seed \(seed): the state rebuilt from history alone differs")
                let restored = try InstanceState(snapshotJSON: first.state.snapshotJSON)
                #expect(restored == first.state, "\(path) seed \(seed): the snapshot must read back identically")
            }
        }
    }

    private func walk(_ process: ExecutableProcess, seed: UInt64) -> (events: [InstanceEvent], state: InstanceState) {
        var random = SplitMix(seed: seed)
        var state = InstanceState()
        var events: [InstanceEvent] = []
        var now = DateTime(epochMilliseconds: 1_767_225_600_000, offsetSeconds: 0)
        func apply(_ command: Command) {
            if case .success(let result) = EngineCore.step(process, state, command, StepContext(now: now)) {
                state = result.state
                events += result.events
            }
        }
        let starts = process.nodes[0].startEvents.map { process[$0].id }
        let start = process.nodes[0].noneStartEvent.map { process[$0].id } ?? starts.first
        apply(.start(variables: ["amount": .integer(Int(random.next() % 2000))], businessKey: nil, startEvent: start))
        for _ in 0..<30 where state.status == .active {
            var choices: [Command] = []
            for element in state.elements.values.sorted(by: { $0.key < $1.key })
            where element.role != .multiInstanceBody {
                switch process[element.node].behavior {
                case .userTask, .externalTask, .receiveTask, .callActivity, .connectorTask:
                    choices.append(.complete(element.key, variables: ["approved": .bool(random.next() % 2 == 0)], localVariables: [:]))
                    choices.append(.throwError(element.key, code: "E\(random.next() % 3)", message: nil, variables: [:]))
                default: break
                }
            }
            for (key, subscription) in state.subscriptions.sorted(by: { $0.key < $1.key }) {
                switch subscription.trigger {
                case .timer(let due, _):
                    choices.append(.fireTimer(key))
                    if due > now { now = due }
                case .message(let name, let correlationKey):
                    choices.append(.correlateMessage(name: name, correlationKey: correlationKey, variables: [:]))
                case .signal(let name):
                    choices.append(.broadcastSignal(name: name, variables: [:]))
                }
            }
            for key in state.incidents.keys.sorted() { choices.append(.resolveIncident(key)) }
            guard !choices.isEmpty else { break }
            apply(choices[Int(random.next() % UInt64(choices.count))])
        }
        return (events, state)
    }
}

/// A small seeded generator (SplitMix64), so walks repeat exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
