import EngineRuntime
import EngineStore
import Foundation
import PostgresClient

/// One throwaway PostgreSQL cluster per test process (the embedded manager), a migrated template database, and a
/// fresh database copied from it for each test.
public actor TestDatabase {
    /// The one cluster of this test process.
    public static let shared = TestDatabase()

    private var cluster: EmbeddedPostgres?
    /// Started once; every caller awaits the same task (an actor may be re-entered while it awaits).
    private var template: Task<PostgresConfiguration, any Error>?

    /// A new, migrated, empty database and a pool on it.
    public func freshPool(maximumConnections: Int = 8) async throws -> PostgresPool {
        let base = try await templateConfiguration()
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        var admin = base
        admin.database = "postgres"
        let adminPool = PostgresPool(configuration: admin, maximumConnections: 1)
        try await adminPool.withConnection { connection in
            try connection.execute("CREATE DATABASE \(name) TEMPLATE \(base.database)")
        }
        await adminPool.shutdown()
        var configuration = base
        configuration.database = name
        return PostgresPool(configuration: configuration, maximumConnections: maximumConnections)
    }

    /// The configuration of the migrated template database (created on first use).
    public func templateConfiguration() async throws -> PostgresConfiguration {
        if let template { return try await template.value }
        let task = Task { try await self.makeTemplate() }
        template = task
        return try await task.value
    }

    private func makeTemplate() async throws -> PostgresConfiguration {
        let cluster = try EmbeddedPostgres.temporary()
        self.cluster = cluster
        var configuration = try cluster.start()
        let adminPool = PostgresPool(configuration: configuration, maximumConnections: 1)
        try await adminPool.withConnection { connection in
            try connection.execute("CREATE DATABASE baton_template")
        }
        await adminPool.shutdown()
        configuration.database = "baton_template"
        let pool = PostgresPool(configuration: configuration, maximumConnections: 1)
        try await Migrator(pool: pool).migrate()
        await pool.shutdown()
        return configuration
    }
}

extension TestDatabase {
    /// A `postgresql://` URL for a configuration (unix socket directories go in the `host` query option).
    public static func url(_ configuration: PostgresConfiguration) -> String {
        var url = "postgresql://\(configuration.user)@"
        if let host = configuration.host { url += "\(host):\(configuration.port)" }
        url += "/\(configuration.database)"
        if configuration.host == nil, let socket = configuration.socketDirectory {
            url += "?host=\(socket)&port=\(configuration.port)"
        }
        return url
    }
}
