import Foundation
import Testing

import AsyncHTTPClient
import NIOCore

/// `baton serve` as a real process: embedded cluster, admin bootstrap, `--deploy`, the REST API on a free port, and
/// a clean shutdown on SIGTERM that stops the cluster.
@Suite(.serialized) final class ServeCommandTests {
    private let folder: String

    init() throws {
        folder = "/tmp/baton-serve-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(
            atPath: folder + "/models", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    static var batonBinary: String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidate = here
        for _ in 0..<4 {
            let path = candidate.appendingPathComponent("baton").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
            candidate = candidate.deletingLastPathComponent()
        }
        return here.appendingPathComponent("baton").path
    }

    static let model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d">
          <process id="serveDemo" isExecutable="true">
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
            <userTask id="t1"/><sequenceFlow id="f2" sourceRef="t1" targetRef="e"/><endEvent id="e"/>
          </process>
        </definitions>
        """

    /// A running `baton serve` child (posix_spawn + waitpid: Foundation's Process does not reliably notice the
    /// exit of a child started from a test's async context), with its output captured in files.
    final class Server: @unchecked Sendable {
        let outPath: String
        let errPath: String
        private(set) var pid: pid_t = 0
        private var status: Int32?

        init(folder: String) {
            let id = UUID().uuidString.prefix(8)
            outPath = folder + "/serve-\(id).out"
            errPath = folder + "/serve-\(id).err"
        }

        var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

        func start(_ arguments: [String]) throws {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            var environment = ProcessInfo.processInfo.environment
            environment["BATON_ADMIN_PASSWORD"] = "admin-secret"
            environment["BATON_PASSWORD_ITERATIONS"] = "1000"
            let argv = ([ServeCommandTests.batonBinary] + arguments).map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            // Default dispositions and an empty mask for the signals the server handles: a test process may ignore
            // or block SIGTERM, and a spawned child would inherit that and never shut down.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var defaults = sigset_t()
            sigemptyset(&defaults)
            sigaddset(&defaults, SIGTERM)
            sigaddset(&defaults, SIGINT)
            var empty = sigset_t()
            sigemptyset(&empty)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setsigmask(&attributes, &empty)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
            let result = posix_spawn(&pid, ServeCommandTests.batonBinary, &actions, &attributes, argv, envp)
            guard result == 0 else { throw ServeTestError(message: "posix_spawn failed: \(result)") }
        }

        /// The exit status once the child has exited (reaped here), nil while it runs.
        func exitStatus() -> Int32? {
            if let status { return status }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
            let code = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
            status = code
            return code
        }

        /// Waits for the ready line and returns the base URL.
        func ready(timeout: Double = 180) async throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("Baton is serving ") }) {
                    return String(line.dropFirst("Baton is serving ".count))
                }
                if exitStatus() != nil { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw ServeTestError(message: "no ready line; stderr: \(stderr)")
        }

        /// Sends SIGTERM and waits for the exit (SIGKILL after 60 s).
        func stop() async -> Int32? {
            kill(pid, SIGTERM)
            // Generous: on a loaded machine stopping the embedded cluster alone can take a minute.
            if let status = await waitForExit(timeout: 180) { return status }
            kill(pid, SIGKILL)
            return await waitForExit(timeout: 10)
        }

        func waitForExit(timeout: Double = 120) async -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let status = exitStatus() { return status }
                try? await Task.sleep(for: .milliseconds(100))
            }
            return nil
        }
    }

    struct ServeTestError: Error { let message: String }

    static func get(_ url: String, user: String? = nil, password: String? = nil) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        if let user, let password {
            request.headers.add(
                name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    @Test func servesDeploysAndShutsDownCleanly() async throws {
        try Self.model.write(toFile: folder + "/models/demo.bpmn", atomically: true, encoding: .utf8)
        let data = folder + "/data"
        let arguments = ["serve", "--port", "0", "--data-dir", data, "--deploy", folder + "/models"]
        let server = Server(folder: folder)
        try server.start(arguments)
        let base = try await server.ready()
        #expect(base.hasPrefix("http://127.0.0.1:") && base.hasSuffix("/engine-rest"))
        #expect(try await Self.get(base + "/version").0 == 200)
        #expect(try await Self.get(base + "/user").0 == 401)
        let users = try await Self.get(base + "/user", user: "admin", password: "admin-secret")
        #expect(users.0 == 200)
        #expect(users.1.contains(#""id":"admin""#))
        #expect(try await Self.get(base + "/user", user: "admin", password: "wrong").0 == 401)
        #expect(try await server.stop() == 0, "\(server.stderr.suffix(2000))")
        #expect(server.stderr.contains("deployed"), "\(server.stderr)")
        #expect(server.stderr.contains("serveDemo:1:"))
        #expect(!FileManager.default.fileExists(atPath: data + "/pg/postmaster.pid"), "the cluster was not stopped")

        // A second start on the same data: the unchanged model is not deployed again; the admin keeps its password.
        let again = Server(folder: folder)
        try again.start(arguments)
        let second = try await again.ready()
        #expect(try await Self.get(second + "/user", user: "admin", password: "admin-secret").0 == 200)
        #expect(try await again.stop() == 0, "\(again.stderr.suffix(2000))")
        #expect(again.stderr.contains("already deployed"), "\(again.stderr)")
        #expect(!again.stdout.contains("Created user 'admin'"))
    }

    @Test func aMissingDeployDirectoryExitsOne() async throws {
        let server = Server(folder: folder)
        try server.start(["serve", "--port", "0", "--data-dir", folder + "/data2", "--deploy", folder + "/nothing"])
        #expect(await server.waitForExit() == 1)
        #expect(server.stderr.contains("cannot read --deploy directory"), "\(server.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/data2/pg/postmaster.pid"))
    }

    @Test func usageErrorsExitTwo() async throws {
        let server = Server(folder: folder)
        try server.start(["serve", "--port", "70000"])
        #expect(await server.waitForExit() == 2)
    }
}
