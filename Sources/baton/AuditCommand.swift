import ArgumentParser
import EngineRuntime

/// `baton audit`: checks of the tamper-evident history.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the hash chain of process instance history and read instance timelines.",
        subcommands: [AuditVerifyCommand.self, AuditTimelineCommand.self])
}

/// `baton audit verify`: re-walks history hash chains and reports the first broken link of each instance.
struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-walk the history hash chain of one instance or of all, and report broken links.",
        discussion: """
            Prints one line per broken instance: `<instance id> event <n>: expected <hash> found <hash> (<reason>)`, \
            and a summary line on standard error. Exit status: 0 when every chain holds, 1 when any chain is \
            broken or the database could not be reached, 2 for usage errors. See docs/audit.md.
            """)

    @Option(help: "The process instance to verify.")
    var instance: String?

    @Flag(help: "Verify every instance that has history.")
    var all: Bool = false

    @OptionGroup var options: DBOptions

    func validate() throws {
        guard (instance != nil) != all else { throw ValidationError("give exactly one of --instance ID or --all") }
    }

    /// Connects, verifies and renders the outcome.
    func execute(environment: [String: String]) async -> CommandLineRunner.Outcome {
        await DBSession.run(options, environment: environment, header: false) { migrator in
            let chain = AuditChain(pool: migrator.pool)
            let results: [AuditVerification]
            let checked: Int
            if let instance {
                let result = try await chain.verify(instanceID: instance)
                results = result.isValid ? [] : [result]
                checked = 1
                if result.events == 0 {
                    return CommandLineRunner.Outcome(
                        status: 1, output: "", errorOutput: "error: instance \(instance) has no history\n")
                }
            } else {
                (checked, results) = try await chain.verifyAll()
            }
            let lines = results.compactMap { result -> String? in
                guard let broken = result.firstBroken else { return nil }
                return "\(result.instanceID) event \(broken.sequence): expected \(broken.expectedHash) found "
                    + "\(broken.foundHash) (\(broken.reason))\n"
            }
            let summary = "\(checked) instance\(checked == 1 ? "" : "s") checked, \(results.count) broken\n"
            return CommandLineRunner.Outcome(
                status: results.isEmpty ? 0 : 1, output: lines.joined(), errorOutput: summary)
        }
    }
}
