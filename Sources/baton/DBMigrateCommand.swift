import ArgumentParser
import EngineStore

/// `baton db migrate`: applies the pending migrations.
struct DBMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the pending migrations, in order, each in its own transaction.",
        discussion: """
            Prints one line per migration applied. Exit status: 0 when the database is up to date, 1 when a \
            migration failed (it was rolled back), an applied migration was edited or is missing, or the \
            database could not be reached; 2 for usage errors.
            """)

    @OptionGroup var options: DBOptions

    /// Connects (or starts the embedded cluster), migrates and renders the outcome.
    func execute(environment: [String: String]) async -> CommandLineRunner.Outcome {
        await DBSession.run(options, environment: environment) { migrator in
            let applied = try await migrator.migrate()
            var output = applied.map { "applied \($0.fileName)  sha256 \($0.checksum)\n" }.joined()
            let total = migrator.migrations.count
            output += applied.isEmpty
                ? "nothing to apply: all \(total) migrations were already applied\n"
                : "database is up to date: \(applied.count) applied now, \(total) in all\n"
            return CommandLineRunner.Outcome(status: 0, output: output, errorOutput: "")
        }
    }
}
