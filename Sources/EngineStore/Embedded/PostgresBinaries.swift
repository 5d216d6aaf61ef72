import Foundation

/// Where the PostgreSQL server binaries (`initdb`, `pg_ctl`, `postgres`, `psql`) are installed.
public struct PostgresBinaries: Sendable, Hashable {
    /// The directory holding them.
    public let directory: String

    /// The programs a directory must hold to be used.
    public static let required = ["initdb", "pg_ctl", "postgres", "psql"]

    /// The full path of one program in `directory`.
    public func path(_ program: String) -> String { directory + "/" + program }

    /// Finds the binaries: in `searchDirectories` when given (tests inject a directory), otherwise in
    /// `$BATON_PG_BINDIR`, `pg_config --bindir`, then `/usr/lib/postgresql/*/bin` (newest version first),
    /// `/usr/local/pgsql/bin`, `/opt/homebrew/bin` and `/usr/local/bin`. The first directory holding every program
    /// in `required` wins.
    public static func locate(searchDirectories: [String]? = nil) throws(EmbeddedPostgresError) -> PostgresBinaries {
        let candidates = searchDirectories ?? defaultSearchDirectories()
        let manager = FileManager.default
        for directory in candidates
        where required.allSatisfy({ manager.isExecutableFile(atPath: directory + "/" + $0) }) {
            return PostgresBinaries(directory: directory)
        }
        let searched = candidates.isEmpty ? "(no candidate directories)" : candidates.joined(separator: ", ")
        throw EmbeddedPostgresError(
            kind: .binariesNotFound,
            message: """
                the PostgreSQL server programs (\(required.joined(separator: ", "))) were not found; searched: \
                \(searched). Install the server package — Debian/Ubuntu: apt-get install postgresql; \
                Fedora/RHEL: dnf install postgresql-server; macOS: brew install postgresql@16 — or set \
                BATON_PG_BINDIR, or pass --database-url to use an existing server
                """)
    }

    /// The default search order (see `locate`).
    static func defaultSearchDirectories() -> [String] {
        var directories: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["BATON_PG_BINDIR"], !explicit.isEmpty {
            directories.append(explicit)
        }
        if let bindir = pgConfigBindir() { directories.append(bindir) }
        let debian = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? []
        let sorted = versions.sorted { (Int($0) ?? 0, $0) > (Int($1) ?? 0, $1) }
        directories += sorted.map { "\(debian)/\($0)/bin" }
        directories += ["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin"]
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    /// `pg_config --bindir`, when `pg_config` is on `PATH` and answers.
    private static func pgConfigBindir() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard
            let pgConfig = path.split(separator: ":").map({ "\($0)/pg_config" })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) }),
            let result = try? CommandRunner(serverAccount: nil).run(pgConfig, ["--bindir"]), result.status == 0
        else { return nil }
        let bindir = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return bindir.isEmpty ? nil : bindir
    }
}
