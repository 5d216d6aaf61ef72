import Foundation

/// What a running server wrote to `postmaster.pid` in its data directory: the file a second manager reads to reuse
/// a running cluster (line 1 pid, 4 port, 5 socket directory, 8 status).
struct PostmasterFile: Sendable, Hashable {
    /// The server's process id.
    var pid: Int
    /// The TCP port (it also names the unix socket file).
    var port: Int
    /// The first unix socket directory.
    var socketDirectory: String

    /// Reads `<clusterDirectory>/postmaster.pid`; nil when absent or incomplete.
    static func read(clusterDirectory: String) -> PostmasterFile? {
        guard let text = try? String(contentsOfFile: clusterDirectory + "/postmaster.pid", encoding: .utf8) else {
            return nil
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 5, let pid = Int(lines[0].trimmingCharacters(in: .whitespaces)),
            let port = Int(lines[3].trimmingCharacters(in: .whitespaces))
        else { return nil }
        return PostmasterFile(pid: pid, port: port, socketDirectory: lines[4].trimmingCharacters(in: .whitespaces))
    }
}
