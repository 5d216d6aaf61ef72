import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one external command printed and how it ended.
struct CommandResult: Sendable {
    /// The exit status (128 + the signal number when a signal ended it).
    var status: Int32
    /// Standard output.
    var output: String
    /// Standard error.
    var errorOutput: String
}

/// Runs the PostgreSQL binaries, as the `postgres` account when the current user is root.
struct CommandRunner: Sendable {
    /// The account commands run as when not nil (the current user is root).
    var serverAccount: ServerAccount?

    /// Runs `executable` with `arguments` (and `environment` added to the inherited one); output goes to temporary
    /// files, so a server forked by `pg_ctl` cannot keep a pipe open and hang the caller.
    func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws(EmbeddedPostgresError) -> CommandResult {
        let (launchPath, launchArguments) = commandLine(executable, arguments)
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-cmd-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out")
        let errURL = scratch.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let described = ([executable] + arguments).joined(separator: " ")
        // Foundation's Process is not used: on Linux it never notices the end of `pg_ctl start`, whose forked
        // server inherits the descriptor Process watches. posix_spawn + waitpid sees the exit of pg_ctl itself.
        // The shell moves to / first (the postgres account may not be allowed into the caller's directory).
        let shellArguments = ["/bin/sh", "-c", "cd / && exec \"$0\" \"$@\"", launchPath] + launchArguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let environmentLines = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let spawned = Self.withCStrings(shellArguments) { argv in
            Self.withCStrings(environmentLines) { envp in
                posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
            }
        }
        guard spawned == 0 else {
            throw EmbeddedPostgresError(
                kind: .commandFailed, message: "could not launch \(launchPath): \(String(cString: strerror(spawned)))",
                command: described)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let errorOutput = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return CommandResult(status: exitStatus, output: output, errorOutput: errorOutput)
    }

    /// Calls `body` with a NULL-terminated array of C strings.
    private static func withCStrings<R>(
        _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R
    ) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    /// Runs a command and throws `.commandFailed` with its standard error unless it exits 0.
    @discardableResult
    func check(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws(EmbeddedPostgresError) -> CommandResult {
        let result = try run(executable, arguments, environment: environment)
        guard result.status == 0 else {
            let name = URL(fileURLWithPath: executable).lastPathComponent
            throw EmbeddedPostgresError(
                kind: .commandFailed, message: "\(name) exited with status \(result.status)",
                command: ([executable] + arguments).joined(separator: " "),
                standardError: (result.errorOutput + result.output).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result
    }

    /// The program and arguments actually launched: `runuser -u postgres -- …` (or `su`) when running as root.
    private func commandLine(_ executable: String, _ arguments: [String]) -> (String, [String]) {
        guard let account = serverAccount else { return (executable, arguments) }
        if let runuser = account.runuserPath {
            return (runuser, ["-u", account.name, "--", executable] + arguments)
        }
        let quoted = ([executable] + arguments).map(Self.shellQuoted).joined(separator: " ")
        return (account.suPath, ["-s", "/bin/sh", account.name, "-c", quoted])
    }

    /// Single-quotes a word for `/bin/sh`.
    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
