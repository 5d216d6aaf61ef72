/// Where one migration stands in a database (`baton db status` prints one line per status).
public struct MigrationStatus: Sendable, Hashable {
    /// The state.
    public enum State: Sendable, Hashable {
        /// Applied at the given time (as PostgreSQL prints a `timestamptz`), with the file unchanged.
        case applied(at: String)
        /// Not applied yet.
        case pending
        /// Applied, but the file changed since: `checksum` is the file's, `recordedChecksum` the applied one.
        case modified(recordedChecksum: String, at: String)
        /// Recorded as applied, but no file has this version.
        case missingFile(at: String)
    }

    /// The version.
    public var version: Int
    /// The migration's name (from the file, or as recorded when the file is missing).
    public var name: String
    /// The file's checksum (the recorded one when the file is missing).
    public var checksum: String
    /// The state.
    public var state: State

    /// Creates a status.
    public init(version: Int, name: String, checksum: String, state: State) {
        self.version = version
        self.name = name
        self.checksum = checksum
        self.state = state
    }

    /// `0001_initial  applied  2026-11-30 03:04:05+00  sha256 ab12…` style line for `baton db status`.
    public var line: String {
        let label = String(format4: version) + "_" + name
        switch state {
        case .applied(let at):
            return "\(label)  applied \(at)  sha256 \(checksum)"
        case .pending:
            return "\(label)  pending  sha256 \(checksum)"
        case .modified(let recorded, let at):
            return "\(label)  MODIFIED since applied \(at)  sha256 \(checksum), applied sha256 \(recorded)"
        case .missingFile(let at):
            return "\(label)  MISSING FILE (applied \(at))  sha256 \(checksum)"
        }
    }
}

extension String {
    /// A version padded to four digits, as in file names.
    init(format4 version: Int) {
        let digits = String(version)
        self = String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}
