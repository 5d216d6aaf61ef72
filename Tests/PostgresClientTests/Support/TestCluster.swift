import EngineStore
import Foundation
import PostgresClient

#if canImport(Glibc)
    import Glibc
#endif

/// One throwaway cluster per test process, from `EngineStore.EmbeddedPostgres` (initdb + pg_ctl in a temporary
/// directory, run as `postgres` when the tests run as root), stopped and deleted when the process exits.
enum TestCluster {
    /// The shared cluster, started on first use.
    static let shared: Result<EmbeddedPostgres, EmbeddedPostgresError> = {
        do throws(EmbeddedPostgresError) {
            let cluster = try EmbeddedPostgres.temporary()
            try cluster.start()
            atexit { try? TestCluster.shared.get().stop() }
            return .success(cluster)
        } catch {
            return .failure(error)
        }
    }()

    /// How to connect (unix socket), tagged with `applicationName` so a test can find its own sessions.
    static func configuration(applicationName: String? = nil) throws -> PostgresConfiguration {
        let cluster = try shared.get()
        guard var configuration = cluster.configuration() else {
            throw ClusterError(message: "the embedded cluster is not running")
        }
        if let applicationName { configuration.options["application_name"] = applicationName }
        return configuration
    }
}

/// Why a test could not get a database.
struct ClusterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
