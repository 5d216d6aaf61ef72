import EngineStore
import Foundation

/// One throwaway cluster per test process (initdb takes seconds), stopped and deleted when the process exits.
/// Tests that need a database create their own in it (`TestCluster.database()`), so they can run in parallel.
enum TestCluster {
    /// The shared cluster, started on first use.
    static let shared: Result<EmbeddedPostgres, EmbeddedPostgresError> = {
        do throws(EmbeddedPostgresError) {
            let cluster = try EmbeddedPostgres.temporary()
            try cluster.start()  // stopped and deleted at exit by EmbeddedPostgres itself
            return .success(cluster)
        } catch {
            return .failure(error)
        }
    }()

    /// The shared cluster (throws when it could not start).
    static func cluster() throws -> EmbeddedPostgres { try shared.get() }

    /// A new empty database in the shared cluster; returns its name.
    static func database(_ prefix: String = "t") throws -> String {
        let name = "\(prefix)_" + UUID().uuidString.prefix(8).lowercased()
        try cluster().psql("CREATE DATABASE \(name)", database: "postgres")
        return name
    }

    /// A new directory under /tmp that the `postgres` account can enter (for non-temporary managers).
    static func directory(_ caller: String = #function) throws -> String {
        let tag = caller.prefix { $0.isLetter }.prefix(12)
        let path = "/tmp/baton-test-\(tag)-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return path
    }
}
