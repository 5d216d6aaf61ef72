import Foundation

/// `baton-bench BENCH [options]`: picks a benchmark, runs it and collects its JSON line.
///
/// Exit statuses: 0 success, 1 the benchmark could not run (e.g. no corpus), 2 usage error.
enum BenchCommand {
    /// What one run printed and how it ended.
    struct Outcome {
        var status: Int32
        var output: String
        var errorOutput: String
    }

    static let usage = """
        usage: baton-bench parse [--corpus DIR] [--seconds S]
               baton-bench interpret [--models DIR] [--n N] [--seconds S]
               baton-bench persist [--models DIR] [--seconds S]
               baton-bench jobs [--timers N] [--statements]
               baton-bench rest [--seconds S]
               baton-bench audit [--seconds S] [--rounds R] [--instances N] [--events E] [--queries Q]

        benchmarks:
          parse       BPMNDocumentCheck (parse + validate) vs. bare libxml2 xmlReadMemory over the BPMN corpus
          interpret   EngineCore.step running whole instances of small models in memory (element steps/s)
          persist     whole instances through the engine and its own throwaway PostgreSQL at 1, 4, 16 clients,
                      against bare INSERT+UPDATE transactions through the same pool
          jobs        N timers (default 10,000) due at once fired by two job executors (timers/s, lateness p50/p99),
                      external tasks fetched and completed by 8 workers, against bare transactions
          rest        the REST API in-process with authentication on: 16 keep-alive connections starting instances
                      for S seconds (default 5), then completing their user tasks (requests/s, p50/p99 latency),
                      against in-process engine.startInstance at 16 tasks
          audit       straight-through instances/s at 16 clients with full history against reduced history
                      (start/end only), and timeline latency p50/p99 of a 1,000-event instance among N (100,000)

        parse options:
          --corpus DIR   corpus folder (default: ../shared/bpmn-corpus, else the one next to the repository)
          --seconds S    measuring time after warm-up, in seconds (default: 10; at least 5 rounds are run)

        interpret options:
          --models DIR   folder of .bpmn models (default: ../shared/peers/models-baton, else next to the repository)
          --n N          instances per timed round (default: 1000)
          --seconds S    measuring time per model after warm-up, in seconds (default: 2; at least 5 rounds)

        Build in release mode: swift run -c release baton-bench parse
        """

    static func run(_ arguments: [String]) -> Outcome {
        guard let bench = arguments.first else { return usageError("no benchmark named") }
        if bench == "-h" || bench == "--help" || bench == "help" {
            return Outcome(status: 0, output: usage + "\n", errorOutput: "")
        }
        switch bench {
        case "parse":
            let options: ParseBench.Options
            switch ParseBench.Options.parse(Array(arguments.dropFirst())) {
            case .success(let parsed): options = parsed
            case .failure(let error): return usageError(error.message)
            }
            var log = ""
            switch ParseBench.run(options, log: { log += $0 + "\n" }) {
            case .success(let report):
                return Outcome(status: 0, output: report.rendered() + "\n", errorOutput: log)
            case .failure(let error):
                return Outcome(status: 1, output: "", errorOutput: log + "error: \(error.message)\n")
            }
        case "interpret":
            let options: InterpretBench.Options
            switch InterpretBench.Options.parse(Array(arguments.dropFirst())) {
            case .success(let parsed): options = parsed
            case .failure(let error): return usageError(error.message)
            }
            var log = ""
            switch InterpretBench.run(options, log: { log += $0 + "\n" }) {
            case .success(let report):
                return Outcome(status: 0, output: report.rendered() + "\n", errorOutput: log)
            case .failure(let error):
                return Outcome(status: 1, output: "", errorOutput: log + "error: \(error.message)\n")
            }
        default:
            return usageError("unknown benchmark '\(bench)'")
        }
    }

    private static func usageError(_ message: String) -> Outcome {
        Outcome(status: 2, output: "", errorOutput: "error: \(message)\n\n\(usage)\n")
    }
}

/// A message for the user: a bad argument or a benchmark that cannot run.
struct BenchError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
