import EngineStore
import Foundation
import PostgresClient
import Testing

/// The embedded cluster manager against the installed PostgreSQL server.
@Suite struct EmbeddedPostgresTests {
    @Test func sharedClusterAnswersOnItsSocket() throws {
        let cluster = try TestCluster.cluster()
        #expect(try cluster.psql("SELECT current_user") == "baton")
        let configuration = try #require(cluster.configuration())
        #expect(configuration.socketDirectory == cluster.socketDirectory)
        #expect(configuration.host == nil)
        #expect(configuration.database == "baton")
        #expect(cluster.startedServer)
        let tcp = try #require(cluster.tcpConfiguration())
        #expect(tcp.host == "127.0.0.1" && tcp.password?.count == 32)
    }

    @Test func restartKeepsTheData() throws {
        let directory = try TestCluster.directory() + "/data"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manager = EmbeddedPostgres(dataDirectory: directory)
        try manager.start()
        try manager.psql("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')")
        let socket = try #require(manager.socketDirectory)
        try manager.stop()
        #expect(manager.port == nil)
        #expect(throws: EmbeddedPostgresError.self) { try manager.psql("SELECT 1") }
        #expect(!FileManager.default.fileExists(atPath: directory + "/pg/postmaster.pid"))

        try manager.start()
        defer { try? manager.stop() }
        #expect(manager.startedServer)
        #expect(manager.socketDirectory == socket)
        #expect(try manager.psql("SELECT value FROM kept") == "still here")
    }

    @Test func secondManagerReusesTheRunningServerAndLeavesItRunning() throws {
        let first = try EmbeddedPostgres.temporary()
        defer { try? first.stop() }
        try first.start()
        let second = EmbeddedPostgres(dataDirectory: first.dataDirectory)
        try second.start()
        #expect(!second.startedServer)
        #expect(second.port == first.port)
        try second.psql("CREATE TABLE shared (n int)")
        try second.stop()
        #expect(try first.psql("SELECT count(*) FROM shared") == "0")
        try first.stop()
        #expect(!FileManager.default.fileExists(atPath: first.dataDirectory))
    }

    @Test func missingBinariesNameThePackageToInstall() throws {
        let fake = try TestCluster.directory()
        defer { try? FileManager.default.removeItem(atPath: fake) }
        // A directory with psql only (a client-only install) does not count.
        FileManager.default.createFile(atPath: fake + "/psql", contents: Data("#!/bin/sh\n".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake + "/psql")

        let manager = EmbeddedPostgres(dataDirectory: fake + "/data", binarySearchDirectories: [fake])
        let error = try #require(throws: EmbeddedPostgresError.self) { try manager.start() }
        #expect(error.kind == .binariesNotFound)
        #expect(error.message.contains("apt-get install postgresql"))
        #expect(error.message.contains("searched: \(fake)."))
        #expect(error.message.contains("initdb, pg_ctl"))
        #expect(!FileManager.default.fileExists(atPath: fake + "/data"))
    }

    @Test func defaultSearchFindsTheInstalledServer() throws {
        let binaries = try PostgresBinaries.locate()
        #expect(FileManager.default.isExecutableFile(atPath: binaries.path("initdb")))
        #expect(FileManager.default.isExecutableFile(atPath: binaries.path("pg_ctl")))
    }

    @Test func aDirectoryThatIsNotAClusterIsRefused() throws {
        let directory = try TestCluster.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/pg", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/pg/stray.txt", contents: Data())
        let error = try #require(throws: EmbeddedPostgresError.self) {
            try EmbeddedPostgres(dataDirectory: directory).start()
        }
        #expect(error.kind == .notACluster)
        #expect(error.message.hasPrefix("\(directory)/pg is not empty but holds no PostgreSQL cluster"))
    }

    @Test func longDataDirectoriesPutTheSocketUnderTmp() throws {
        let long = "/tmp/" + String(repeating: "d", count: 100)
        let manager = EmbeddedPostgres(dataDirectory: long)
        #expect(manager.dataDirectory == long)
        let cluster = try TestCluster.cluster()
        let socket = try #require(cluster.socketDirectory)
        #expect(socket == cluster.dataDirectory + "/run")
    }

    @Test func errorsNameTheCommandAndItsOutput() {
        let error = EmbeddedPostgresError(
            kind: .commandFailed, message: "initdb exited with status 1", command: "initdb -D /x",
            standardError: "initdb: error: cannot be run as root")
        #expect(
            error.description == """
                embedded PostgreSQL: initdb exited with status 1
                  command: initdb -D /x
                  output: initdb: error: cannot be run as root
                """)
    }
}
