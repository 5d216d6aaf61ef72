import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `<dataDirectory>/owner.pid`: the process id of the baton process that started the running server, so a manager
/// that finds a server running can tell "someone else's, leave it" from "left behind by a killed process, adopt it".
enum ClusterOwner {
    /// The file's path.
    static func path(dataDirectory: String) -> String { dataDirectory + "/owner.pid" }

    /// Whether the process named in the file is still alive (false when there is no file).
    static func isAlive(dataDirectory: String) -> Bool {
        guard let text = try? String(contentsOfFile: path(dataDirectory: dataDirectory), encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
        else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Records the current process as the owner.
    static func claim(dataDirectory: String) {
        try? Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: path(dataDirectory: dataDirectory)))
    }

    /// Removes the record (after stopping the server).
    static func release(dataDirectory: String) {
        try? FileManager.default.removeItem(atPath: path(dataDirectory: dataDirectory))
    }
}
