import BPMN
import EngineCore
import Expressions
import Foundation

/// `baton-bench interpret`: the pure interpreter (`EngineCore.step`) running whole instances of small models in
/// memory, one after another on one thread, with no persistence, no runtime and no effects executed.
///
/// Each model is read and compiled once. An instance is started with `amount` (150 for even, 50 for odd instance
/// numbers) and `counter` (0); whenever it waits, every open user task is completed with `approved` (false for every
/// fourth instance, else true) and every open external task with no variables, until the instance ends. This is
/// the workload of `spiff_bench.py` (`start_data`, `user_decision`). An element step is one flow-node completion:
/// one `elementCompleted` event for any node but the process itself (node index 0).
enum InterpretBench {
    /// The headline: a million element steps per second on one core for the script-task model.
    static let targetStepsPerSecond = 1_000_000.0
    /// The model whose steps per second give `ratio`: start → 10 script tasks → end.
    static let headlineModel = "straight_script.bpmn"
    /// What an element step is, as printed in the JSON.
    static let stepDefinition =
        "one flow-node completion: an InstanceEvent.elementCompleted for any node except the process itself "
        + "(node index 0)"
    /// The fewest measured rounds per model, however short `--seconds` is.
    static let minimumRounds = 5
    /// Completions of waiting work per instance after which an instance counts as stuck.
    static let maximumWaits = 10_000

    /// Command-line options.
    struct Options {
        var models: String?
        var instancesPerRound = 1000
        var seconds = 2.0

        static func parse(_ arguments: [String]) -> Result<Options, BenchError> {
            var options = Options()
            var remaining = arguments[...]
            while let argument = remaining.popFirst() {
                var name = argument
                var inlineValue: String?
                if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                    name = String(argument[..<equals])
                    inlineValue = String(argument[argument.index(after: equals)...])
                }
                switch name {
                case "--models", "--n", "--seconds":
                    guard let value = inlineValue ?? remaining.popFirst() else {
                        return .failure(BenchError("\(name) needs a value"))
                    }
                    switch name {
                    case "--models":
                        options.models = value
                    case "--n":
                        guard let count = Int(value), count > 0 else {
                            return .failure(BenchError("--n needs a positive whole number, not '\(value)'"))
                        }
                        options.instancesPerRound = count
                    default:
                        guard let seconds = Double(value), seconds.isFinite, seconds > 0 else {
                            return .failure(BenchError("--seconds needs a positive number, not '\(value)'"))
                        }
                        options.seconds = seconds
                    }
                default:
                    return .failure(BenchError("unknown option '\(argument)'"))
                }
            }
            return .success(options)
        }
    }

    /// What the instances of one round (or one instance) did.
    struct Tally {
        var instances = 0
        var steps = 0
        var events = 0
        var commands = 0

        static func += (lhs: inout Tally, rhs: Tally) {
            lhs.instances += rhs.instances
            lhs.steps += rhs.steps
            lhs.events += rhs.events
            lhs.commands += rhs.commands
        }
    }

    /// The figures of one model, or why it could not run.
    struct ModelReport {
        var name: String
        var outcome: Result<Measurement, BenchError>
    }

    /// The measured figures of one model.
    struct Measurement {
        /// Instances per round.
        var instancesPerRound: Int
        /// One round's counts (the same every round: the workload is deterministic).
        var perRound: Tally
        /// The wall-clock time of every measured round, in seconds.
        var roundSeconds: [Double]

        var medianSeconds: Double { ParseBench.median(roundSeconds) }
        var instancesPerSecond: Double { Double(perRound.instances) / medianSeconds }
        var stepsPerSecond: Double { Double(perRound.steps) / medianSeconds }
        var stepsPerInstance: Double { Double(perRound.steps) / Double(perRound.instances) }
        var eventsPerStep: Double { Double(perRound.events) / Double(perRound.steps) }
        var commandsPerInstance: Double { Double(perRound.commands) / Double(perRound.instances) }
        var nanosecondsPerStep: Double { medianSeconds * 1e9 / Double(perRound.steps) }

        func rendered() -> JSONValue {
            .object([
                ("instancesPerSecond", .double(instancesPerSecond.rounded(places: 1))),
                ("stepsPerSecond", .double(stepsPerSecond.rounded(places: 1))),
                ("stepsPerInstance", .double(stepsPerInstance.rounded(places: 3))),
                ("eventsPerStep", .double(eventsPerStep.rounded(places: 3))),
                ("nsPerStep", .double(nanosecondsPerStep.rounded(places: 1))),
                ("commandsPerInstance", .double(commandsPerInstance.rounded(places: 3))),
                ("instancesPerRound", .int(instancesPerRound)),
                ("rounds", .int(roundSeconds.count)),
                ("medianRoundSeconds", .double(medianSeconds.rounded(places: 6))),
            ])
        }
    }

    /// Every model's figures.
    struct Report {
        var directory: String
        var models: [ModelReport]
        var evaluator: String

        var headline: Measurement? {
            guard let model = models.first(where: { $0.name == InterpretBench.headlineModel }),
                case .success(let measurement) = model.outcome
            else { return nil }
            return measurement
        }

        func rendered() -> String {
            var perModel: [(String, JSONValue)] = []
            for model in models {
                switch model.outcome {
                case .success(let measurement): perModel.append((model.name, measurement.rendered()))
                case .failure(let error): perModel.append((model.name, .object([("error", .string(error.message))])))
                }
            }
            let ratio = headline.map { $0.stepsPerSecond / InterpretBench.targetStepsPerSecond }
            return JSONValue.object([
                ("bench", .string("interpret")),
                ("figures", .object([
                    ("headlineModel", .string(InterpretBench.headlineModel)),
                    ("stepDefinition", .string(InterpretBench.stepDefinition)),
                    ("expressionEvaluator", .string(evaluator)),
                    ("models", .object(perModel)),
                ])),
                ("baseline", .object([("targetStepsPerSecond", .int(Int(InterpretBench.targetStepsPerSecond)))])),
                ("ratio", .double((ratio ?? .nan).rounded(places: 4))),
                ("target", .double(1)),
            ]).rendered()
        }
    }

    /// One compiled model.
    struct Workload {
        var name: String
        var process: ExecutableProcess
    }

    static func run(_ options: Options, log: (String) -> Void) -> Result<Report, BenchError> {
        guard let directory = options.models ?? Corpus.sharedDirectory("peers/models-baton") else {
            return .failure(BenchError("no models found at ../shared/peers/models-baton; pass --models DIR"))
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else {
            return .failure(BenchError("cannot read the models folder \(root.path)"))
        }
        let files = names.filter { $0.lowercased().hasSuffix(".bpmn") }.sorted()
        if files.isEmpty { return .failure(BenchError("no .bpmn file in \(root.path)")) }
        let evaluator = evaluatorKind()
        log("models \(root.path): \(files.joined(separator: ", ")); expression evaluator: \(evaluator)")

        var reports: [ModelReport] = []
        for file in files {
            let outcome = load(root.appendingPathComponent(file).path, name: file).flatMap { workload in
                measure(workload, options: options, log: log)
            }
            if case .failure(let error) = outcome { log("  \(file): not measured: \(error.message)") }
            reports.append(ModelReport(name: file, outcome: outcome))
        }
        let report = Report(directory: root.path, models: reports, evaluator: evaluator)
        if report.headline == nil {
            return .failure(BenchError("the headline model \(headlineModel) was not measured (see above)"))
        }
        return .success(report)
    }

    /// `stub` while `CompiledExpression` does not parse expressions (every text is a literal), else `real`.
    static func evaluatorKind() -> String {
        guard let probe = try? CompiledExpression.parse("${1 + 1}") else { return "real" }
        return probe.isLiteral ? "stub" : "real"
    }

    /// Reads, validates and compiles the one process of a model file.
    static func load(_ path: String, name: String) -> Result<Workload, BenchError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(BenchError("cannot read \(path)"))
        }
        let check = BPMNDocumentCheck().check([UInt8](data))
        let errors = check.diagnostics.filter { $0.severity == .error }
        guard let definitions = check.definitions, errors.isEmpty else {
            return .failure(BenchError("invalid model: " + errors.map(\.description).joined(separator: "; ")))
        }
        switch ProcessCompiler().compile(definitions, processID: nil) {
        case .success(let process):
            return .success(Workload(name: name, process: process))
        case .failure(let failure):
            let text = failure.diagnostics.map(\.description).joined(separator: "; ")
            return .failure(BenchError("does not compile: " + text))
        }
    }

    /// Warms up, then times rounds of `instancesPerRound` instances until `seconds` have passed (at least
    /// `minimumRounds`).
    static func measure(
        _ workload: Workload, options: Options, log: (String) -> Void
    ) -> Result<Measurement, BenchError> {
        let count = options.instancesPerRound
        // Check the workload once: every instance must complete without an incident.
        let first: Tally
        switch round(workload.process, instances: count) {
        case .success(let tally): first = tally
        case .failure(let error): return .failure(error)
        }
        // Warm-up: about a quarter of a second, at least one more round.
        let clock = ContinuousClock()
        let warmUpStart = clock.now
        repeat {
            _ = round(workload.process, instances: count)
        } while (clock.now - warmUpStart).seconds < 0.25

        var times: [Double] = []
        let start = clock.now
        var failure: BenchError?
        while times.count < minimumRounds || (clock.now - start).seconds < options.seconds {
            var outcome: Result<Tally, BenchError> = .success(Tally())
            let elapsed = clock.measure { outcome = round(workload.process, instances: count) }
            if case .failure(let error) = outcome {
                failure = error
                break
            }
            times.append(elapsed.seconds)
        }
        if let failure { return .failure(failure) }
        let measurement = Measurement(instancesPerRound: count, perRound: first, roundSeconds: times)
        let total = (clock.now - start).seconds.rounded(places: 2)
        log(
            "  \(workload.name): \(times.count) rounds of \(count) in \(total) s: "
                + "\(Int(measurement.stepsPerSecond)) steps/s, \(Int(measurement.instancesPerSecond)) instances/s")
        return .success(measurement)
    }

    /// Runs `instances` instances to completion, numbered 0 ..< instances.
    static func round(_ process: ExecutableProcess, instances: Int) -> Result<Tally, BenchError> {
        var total = Tally()
        for index in 0..<instances {
            switch runInstance(process, index: index) {
            case .success(let tally): total += tally
            case .failure(let error): return .failure(error)
            }
        }
        return .success(total)
    }

    /// A fixed clock: nothing in these models reads it.
    static let context = StepContext(now: DateTime(epochMilliseconds: 1_767_225_600_000, offsetSeconds: 0))
    /// Start variables by instance number modulo 2 (`amount` alternates 150, 50 as in spiff_bench.py).
    static let startVariables: [[String: Value]] = [
        ["amount": .integer(150), "counter": .integer(0)],
        ["amount": .integer(50), "counter": .integer(0)],
    ]
    /// User task completions: approved unless the instance number is 3 modulo 4 (75 % approved).
    static let approval: [Bool: [String: Value]] = [true: ["approved": .bool(true)], false: ["approved": .bool(false)]]

    /// Runs one instance to its end with `EngineCore.step`, playing the user and the worker.
    static func runInstance(_ process: ExecutableProcess, index: Int) -> Result<Tally, BenchError> {
        var tally = Tally(instances: 1)
        var state = InstanceState()
        var command = Command.start(variables: startVariables[index % 2], businessKey: nil, startEvent: nil)
        var waits = 0
        while true {
            switch EngineCore.step(process, state, command, context) {
            case .success(let result):
                state = result.state
                tally.commands += 1
                tally.events += result.events.count
                for event in result.events {
                    if case .elementCompleted(_, let node) = event, node != .process { tally.steps += 1 }
                }
            case .failure(let rejection):
                return .failure(BenchError("instance \(index): command rejected: \(rejection.message)"))
            }
            if let incident = state.incidents.values.first {
                return .failure(
                    BenchError(
                        "instance \(index): incident at '\(process[incident.node].id.rawValue)': \(incident.message)"))
            }
            guard state.status == .active else { break }
            if let key = state.userTasks.keys.min() {
                command = .complete(key, variables: approval[index % 4 != 3] ?? [:], localVariables: [:])
            } else if let key = state.externalTasks.keys.min() {
                command = .complete(key, variables: [:], localVariables: [:])
            } else {
                return .failure(BenchError("instance \(index): waits for something this bench cannot give"))
            }
            waits += 1
            if waits > maximumWaits { return .failure(BenchError("instance \(index): did not end")) }
        }
        guard state.status == .completed else {
            return .failure(BenchError("instance \(index): ended \(state.status.rawValue), not completed"))
        }
        return .success(tally)
    }
}
