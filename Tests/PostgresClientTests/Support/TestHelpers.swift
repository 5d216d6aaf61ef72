import Foundation
import PostgresClient

/// A pool on the shared test cluster, tagged with an application name so tests can find their own sessions.
func makePool(_ applicationName: String, maximumConnections: Int = 4, acquireTimeout: Duration? = nil) async throws
    -> PostgresPool
{
    let configuration = try TestCluster.configuration(applicationName: applicationName)
    return PostgresPool(
        configuration: configuration, maximumConnections: maximumConnections, acquireTimeout: acquireTimeout)
}

/// A table name no other test uses.
func uniqueName(_ prefix: String) -> String {
    prefix + "_" + UUID().uuidString.prefix(8).lowercased()
}

/// Waits for `operation`, failing after `seconds`.
func withTimeout<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws
    -> T
{
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw ClusterError(message: "timed out after \(seconds) s")
        }
        return value
    }
}
