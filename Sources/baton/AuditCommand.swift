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
            or `<instance id> tombstone (<reason>): <problem>` when its history was removed and the tombstone does \
            not verify, and a summary line on standard error. Instances removed by history cleanup with a valid \
            signature count as intact. Tombstone signatures are checked with BATON_AUDIT_KEY and the key stored \
            in the database. Exit status: 0 when every chain holds, 1 when any chain is \
            broken or the database could not be reached, 2 for usage errors. See docs/audit.md.
            """)

    @Option(help: "The process instance to verify.")
    var instance: String?

    @Flag(help: "Verify every instance that has history or a tombstone.")
    var all: Bool = false

    @OptionGroup var options: DBOptions

    func validate() throws {
        guard (instance != nil) != all else { throw ValidationError("give exactly one of --instance ID or --all") }
    }

    /// Connects, verifies and renders the outcome.
    func execute(environment: [String: String]) async -> CommandLineRunner.Outcome {
        let key: AuditKey?
        do {
            key = try environment["BATON_AUDIT_KEY"].map { text throws(AuditKeyError) in
                try AuditKey(configured: text)
            }
        } catch {
            return CommandLineRunner.Outcome(status: 2, output: "", errorOutput: "error: \(error)\n")
        }
        return await DBSession.run(options, environment: environment, header: false) { migrator in
            let chain = AuditChain(pool: migrator.pool, configuredKey: key)
            let results: [AuditVerification]
            let checked: Int
            if let instance {
                let result = try await chain.verify(instanceID: instance)
                results = result.isValid ? [] : [result]
                checked = 1
                if result.events == 0 && result.tombstone == nil {
                    return CommandLineRunner.Outcome(
                        status: 1, output: "", errorOutput: "error: instance \(instance) has no history\n")
                }
            } else {
                (checked, results) = try await chain.verifyAll()
            }
            let lines = results.map(Self.line)
            let summary = "\(checked) instance\(checked == 1 ? "" : "s") checked, \(results.count) broken\n"
            return CommandLineRunner.Outcome(
                status: results.isEmpty ? 0 : 1, output: lines.joined(), errorOutput: summary)
        }
    }

    /// The report line of a broken instance: its first broken link, else its tombstone's problem.
    static func line(_ result: AuditVerification) -> String {
        if let broken = result.firstBroken {
            return "\(result.instanceID) event \(broken.sequence): expected \(broken.expectedHash) found "
                + "\(broken.foundHash) (\(broken.reason))\n"
        }
        let problem = result.tombstone?.problem ?? "unknown problem"
        return "\(result.instanceID) tombstone (\(result.tombstone?.tombstone.reason.rawValue ?? "?")): \(problem)\n"
    }
}
