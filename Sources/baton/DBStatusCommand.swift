import ArgumentParser
import EngineStore

/// `baton db status`: lists applied and pending migrations with their checksums.
struct DBStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the migrations: applied (when), pending, modified since applied, or missing their file.",
        discussion: """
            Prints the database, one line per migration (NNNN_name, state, sha256), then a summary. Exit status: \
            0 when every applied migration matches its file (pending ones allowed), 1 when one was edited or its \
            file is missing, or the database could not be reached; 2 for usage errors.
            """)

    @OptionGroup var options: DBOptions

    /// Connects (or starts the embedded cluster), reads the history and renders it.
    func execute(environment: [String: String]) async -> CommandLineRunner.Outcome {
        await DBSession.run(options, environment: environment) { migrator in
            let statuses = try await migrator.status()
            var output = statuses.map { $0.line + "\n" }.joined()
            var counts = (applied: 0, pending: 0, drifted: 0)
            for status in statuses {
                switch status.state {
                case .applied: counts.applied += 1
                case .pending: counts.pending += 1
                case .modified, .missingFile: counts.drifted += 1
                }
            }
            output += "\(counts.applied) applied, \(counts.pending) pending"
            output += counts.drifted > 0 ? ", \(counts.drifted) modified or missing\n" : "\n"
            guard counts.drifted == 0 else {
                return CommandLineRunner.Outcome(
                    status: 1, output: output,
                    errorOutput: """
                        error: applied migrations differ from the files; never edit an applied migration — restore \
                        the file and put the change in a new one (see docs/database.md)

                        """)
            }
            return CommandLineRunner.Outcome(status: 0, output: output, errorOutput: "")
        }
    }
}
