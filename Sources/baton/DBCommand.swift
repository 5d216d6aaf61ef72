import ArgumentParser

/// `baton db`: the database schema — apply migrations, show where they stand.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Apply and inspect the database migrations.",
        discussion: """
            With --database-url (or DATABASE_URL) the commands work on that database; otherwise they start the \
            embedded PostgreSQL cluster in --data-dir (default .baton), do the work and stop it again (a cluster \
            already running there, e.g. under 'baton serve', is used and left running).
            """,
        subcommands: [DBMigrateCommand.self, DBStatusCommand.self])
}

/// The options `baton db migrate` and `baton db status` share: which database, which migrations.
struct DBOptions: ParsableArguments {
    @Option(help: "PostgreSQL URL (postgresql://user:password@host:port/database); default: $DATABASE_URL.")
    var databaseURL: String?

    @Option(help: "Data directory of the embedded cluster, used when no database URL is given (default: .baton).")
    var dataDir: String?

    @Option(help: "Use the NNNN_name.sql files in this directory instead of the migrations built into baton.")
    var migrationsDir: String?
}
