import ArgumentParser

/// `baton simulate FILE.bpmn --scenario SCENARIO.json`: runs a process in memory with mocked steps and checks
/// expectations.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a process in memory against a scenario (mocked steps, golden data) and print the trace.",
        discussion: """
            Prints one JSON object: {"state", "completed", "waitingAt", "variables", "incidents"}. Expectation \
            failures go to standard error. Exit status: 0 when every expectation holds (or there are none), 1 when \
            one fails or a step cannot be applied, 2 for bad input (unreadable or invalid model or scenario).
            """)

    @Argument(help: "The BPMN file.")
    var file: String

    @Option(help: "The scenario JSON file.")
    var scenario: String

    @Option(help: "The process to run, when the file has several (overrides the scenario's \"process\").")
    var process: String?

    func run() throws {
        let outcome = execute()
        print(outcome.output, terminator: "")
        if !outcome.errorOutput.isEmpty { FileHandleOutput.standardError(outcome.errorOutput) }
        if outcome.status != 0 { throw ExitCode(outcome.status) }
    }

    func execute() -> ScenarioRunner.Outcome {
        ScenarioRunner.run(modelPath: file, scenarioPath: scenario, processID: process)
    }
}
