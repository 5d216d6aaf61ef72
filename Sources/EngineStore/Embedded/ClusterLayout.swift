import Foundation

/// Where the pieces of an embedded cluster live inside its data directory.
struct ClusterLayout: Sendable {
    /// The longest unix socket path the kernel accepts (`sun_path` is 108 bytes with the terminating NUL).
    static let maximumSocketPath = 107

    /// The data directory.
    var dataDirectory: String

    /// The PostgreSQL cluster (`PGDATA`).
    var cluster: String { dataDirectory + "/pg" }
    /// The server's log.
    var logFile: String { cluster + "/server.log" }
    /// The generated password of the `baton` superuser (for TCP connections).
    var passwordFile: String { dataDirectory + "/password" }
    /// The socket directory inside the data directory.
    var preferredSocketDirectory: String { dataDirectory + "/run" }

    /// `preferredSocketDirectory` when `<it>/.s.PGSQL.65535` fits in a socket address, else a short directory under
    /// `/tmp` named after the user and a hash of the data directory.
    var socketDirectory: String {
        let preferred = preferredSocketDirectory
        if (preferred + "/.s.PGSQL.65535").utf8.count <= Self.maximumSocketPath { return preferred }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in dataDirectory.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return "/tmp/baton-\(geteuid())-" + String(hash, radix: 16)
    }

    /// Creates `path` (and its parents) when missing, mode 0700 for the new leaf, owned by `owner` when given.
    static func makeDirectory(_ path: String, owner: ServerAccount?, mode: Int = 0o700) throws(EmbeddedPostgresError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if !manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            do {
                try manager.createDirectory(
                    atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
            } catch {
                throw EmbeddedPostgresError(kind: .filesystem, message: "could not create \(path): \(error)")
            }
        } else if !isDirectory.boolValue {
            throw EmbeddedPostgresError(kind: .filesystem, message: "\(path) exists and is not a directory")
        }
        try owner?.own(path)
    }

    /// Deletes `path` and everything inside it; a missing path is fine.
    static func remove(_ path: String) throws(EmbeddedPostgresError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw EmbeddedPostgresError(kind: .filesystem, message: "could not delete \(path): \(error)")
        }
    }
}
