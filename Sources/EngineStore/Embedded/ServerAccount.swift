import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The unprivileged account the server runs as when Baton runs as root (PostgreSQL refuses to run as root).
struct ServerAccount: Sendable, Hashable {
    /// The account name, `postgres`.
    var name: String
    /// Its user id.
    var uid: UInt32
    /// Its primary group id.
    var gid: UInt32
    /// `runuser`, when installed (preferred: no PAM session, no password prompt).
    var runuserPath: String?
    /// `su`, the fallback.
    var suPath: String

    /// Whether the current process runs as root.
    static var isRoot: Bool { geteuid() == 0 }

    /// Looks the account up; nil when it does not exist.
    static func lookUp(_ name: String = "postgres") -> ServerAccount? {
        guard let entry = getpwnam(name) else { return nil }
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        let su = ["/bin/su", "/usr/bin/su"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/bin/su"
        return ServerAccount(
            name: name, uid: UInt32(entry.pointee.pw_uid), gid: UInt32(entry.pointee.pw_gid), runuserPath: runuser,
            suPath: su)
    }

    /// Gives `path` (not recursively) to this account.
    func own(_ path: String) throws(EmbeddedPostgresError) {
        guard chown(path, uid_t(uid), gid_t(gid)) == 0 else {
            let reason = String(cString: strerror(errno))
            throw EmbeddedPostgresError(
                kind: .filesystem, message: "could not give \(path) to the '\(name)' account: \(reason)")
        }
    }
}
