import PostgresClient

/// Applies the migrations a database lacks, in version order, each in its own transaction, under an advisory lock
/// so that several engine nodes starting together apply each migration once. Records them in `schema_migrations`
/// and refuses to go on when an applied migration's file was edited or removed.
public struct Migrator: Sendable {
    /// The `pg_advisory_lock` key held while migrating (the bytes of "batonmig").
    public static let lockKey = 0x6261_746f_6e6d_6967

    /// The table that records applied migrations.
    static let createTable = """
        CREATE TABLE schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """

    /// The database.
    public let pool: PostgresPool
    /// The migrations to apply, in version order (or why they could not be loaded).
    private let loaded: Result<[Migration], MigrationError>

    /// The migrations to apply, in version order (empty when loading the built-in ones failed; `migrate()` and
    /// `status()` then throw that failure).
    public var migrations: [Migration] { (try? loaded.get()) ?? [] }

    /// A migrator for `pool` with `migrations`.
    public init(pool: PostgresPool, migrations: [Migration]) {
        self.pool = pool
        self.loaded = .success(migrations.sorted { $0.version < $1.version })
    }

    /// A migrator for `pool` with the migrations built into baton (`Migration.bundled()`).
    public init(pool: PostgresPool) {
        self.pool = pool
        do throws(MigrationError) {
            self.loaded = .success(try Migration.bundled())
        } catch {
            self.loaded = .failure(error)
        }
    }

    /// Applies every pending migration and returns those applied now (empty when the database was up to date).
    /// Throws `.checksumMismatch` / `.missingFile` before applying anything when the history does not match the
    /// files, and `.migrationFailed` (after rolling that migration back) when one's SQL fails.
    @discardableResult
    public func migrate() async throws(MigrationError) -> [Migration] {
        let migrations = try loaded.get()
        return try await run { connection throws(MigrationError) in
            try Self.call(connection, "SELECT pg_advisory_lock($1)", [.int(Self.lockKey)])
            defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [.int(Self.lockKey)]) }
            if try !Self.tableExists(connection) { try Self.call(connection, Self.createTable, []) }
            let statuses = try Self.statuses(connection, migrations: migrations)
            try Self.refuseDrift(statuses, migrations: migrations)
            let pendingVersions = Set(statuses.filter { $0.state == .pending }.map(\.version))
            var applied: [Migration] = []
            for migration in migrations where pendingVersions.contains(migration.version) {
                try Self.apply(migration, on: connection)
                applied.append(migration)
            }
            return applied
        }
    }

    /// Every migration's state: applied, pending, modified or missing its file, in version order. Reads only.
    public func status() async throws(MigrationError) -> [MigrationStatus] {
        let migrations = try loaded.get()
        return try await run { connection throws(MigrationError) in
            try Self.statuses(connection, migrations: migrations)
        }
    }

    /// Compares `schema_migrations` (when it exists) with the files.
    static func statuses(
        _ connection: PostgresConnection, migrations: [Migration]
    ) throws(MigrationError) -> [MigrationStatus] {
        var recorded: [Int: (name: String, checksum: String, at: String)] = [:]
        if try tableExists(connection) {
            let rows = try call(
                connection,
                "SELECT version::text AS version, name, checksum, applied_at::text AS at FROM schema_migrations", [])
            for row in rows {
                guard let version = Int(try text(row, "version")) else { continue }
                recorded[version] = (try text(row, "name"), try text(row, "checksum"), try text(row, "at"))
            }
        }
        var statuses: [MigrationStatus] = migrations.map { migration in
            let state: MigrationStatus.State
            if let applied = recorded.removeValue(forKey: migration.version) {
                state = applied.checksum == migration.checksum
                    ? .applied(at: applied.at) : .modified(recordedChecksum: applied.checksum, at: applied.at)
            } else {
                state = .pending
            }
            return MigrationStatus(
                version: migration.version, name: migration.name, checksum: migration.checksum, state: state)
        }
        statuses += recorded.map { version, applied in
            MigrationStatus(
                version: version, name: applied.name, checksum: applied.checksum, state: .missingFile(at: applied.at))
        }
        return statuses.sorted { $0.version < $1.version }
    }

    /// Whether `schema_migrations` exists.
    static func tableExists(_ connection: PostgresConnection) throws(MigrationError) -> Bool {
        let exists = try call(
            connection, "SELECT (to_regclass('schema_migrations') IS NOT NULL)::text AS present", [])
        return try text(exists.rows.first, "present") == "true"
    }

    /// Throws for the first applied migration whose file changed or disappeared.
    static func refuseDrift(_ statuses: [MigrationStatus], migrations: [Migration]) throws(MigrationError) {
        for status in statuses {
            let fileName = migrations.first { $0.version == status.version }?.fileName
                ?? String(format4: status.version) + "_" + status.name + ".sql"
            switch status.state {
            case .applied, .pending:
                continue
            case .modified(let recorded, let at):
                throw MigrationError(
                    kind: .checksumMismatch,
                    message: """
                        migration \(fileName) was changed after it was applied (\(at)): the database recorded \
                        sha256 \(recorded), the file now has sha256 \(status.checksum); never edit an applied \
                        migration — restore the file and put the change in a new migration
                        """,
                    fileName: fileName)
            case .missingFile(let at):
                throw MigrationError(
                    kind: .missingFile,
                    message: """
                        migration \(fileName) (version \(status.version), applied \(at)) is recorded in \
                        schema_migrations but no file has that version; restore the file, or run a build of baton \
                        that has it
                        """,
                    fileName: fileName)
            }
        }
    }

    /// Runs one migration and records it, in one transaction.
    static func apply(_ migration: Migration, on connection: PostgresConnection) throws(MigrationError) {
        do {
            try connection.execute("BEGIN")
            try connection.executeScript(migration.sql)
            try connection.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                [.int(migration.version), .text(migration.name), .text(migration.checksum)])
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw MigrationError(
                kind: .migrationFailed,
                message: "migration \(migration.fileName) failed and was rolled back", fileName: migration.fileName,
                underlying: error)
        }
    }

    /// Runs `body` on a pooled connection, turning pool failures into `.database`.
    private func run<T: Sendable>(
        _ body: @Sendable @escaping (PostgresConnection) throws(MigrationError) -> T
    ) async throws(MigrationError) -> T {
        do {
            return try await pool.withConnection { connection in try body(connection) }
        } catch let error as MigrationError {
            throw error
        } catch let error as PostgresError {
            throw MigrationError(kind: .database, message: "cannot reach the database", underlying: error)
        } catch {
            throw MigrationError(kind: .database, message: "cannot reach the database: \(error)")
        }
    }

    @discardableResult
    private static func call(
        _ connection: PostgresConnection, _ sql: String, _ parameters: [PostgresValue]
    ) throws(MigrationError) -> PostgresRows {
        do {
            return try connection.query(sql, parameters)
        } catch {
            throw MigrationError(kind: .database, message: "reading the migration history failed", underlying: error)
        }
    }

    /// A non-null column's text value (every column the migrator reads is selected as text).
    private static func text(_ row: PostgresRow?, _ column: String) throws(MigrationError) -> String {
        guard let row, let index = row.columns.firstIndex(of: column), let value = row.values[index] else {
            throw MigrationError(
                kind: .database, message: "reading the migration history failed: no value for column '\(column)'")
        }
        return value
    }
}
