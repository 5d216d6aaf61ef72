import EngineStore
import PostgresClient

/// The benchmarks' own throwaway PostgreSQL: an embedded cluster, migrated, and the bare transaction they compare
/// against (one INSERT and one UPDATE through the same pool).
struct BenchDatabase {
    let cluster: EmbeddedPostgres
    let pool: PostgresPool

    /// Starts a throwaway cluster, applies the migrations, and creates the baseline's tables.
    static func start(maximumConnections: Int = 16) async throws -> BenchDatabase {
        let cluster = try EmbeddedPostgres.temporary()
        do {
            let pool = PostgresPool(configuration: try cluster.start(), maximumConnections: maximumConnections)
            try await Migrator(pool: pool).migrate()
            try await pool.withConnection { connection in
                try connection.execute("CREATE TABLE bench_rows (id bigserial PRIMARY KEY, client int, v int)")
                try connection.execute("CREATE TABLE bench_counters (client int PRIMARY KEY, n bigint NOT NULL)")
                try connection.execute("INSERT INTO bench_counters SELECT g, 0 FROM generate_series(0, 63) g")
            }
            return BenchDatabase(cluster: cluster, pool: pool)
        } catch {
            try? cluster.stop()
            throw error
        }
    }

    /// `VACUUM (ANALYZE)` of the whole database, between a set-up and the phase it prepares (as pgbench does before
    /// a run): the set-up's dead rows are cleared and the statistics are fresh, so that autovacuum, which checks the
    /// database once a minute, does not land its work on a few-second measurement by chance.
    func vacuum() async throws {
        try await pool.withConnection { connection in try connection.executeScript("VACUUM (ANALYZE)") }
    }

    /// Bare transactions per second at `clients` concurrent clients.
    func bareTransactionRate(clients: Int, seconds: Double) async throws -> Double {
        let pool = self.pool
        return try await PersistBench.rate(clients: clients, seconds: seconds) { client, n in
            try await pool.withTransaction { connection in
                try connection.execute("INSERT INTO bench_rows (client, v) VALUES ($1, $2)", [.int(client), .int(n)])
                try connection.execute("UPDATE bench_counters SET n = n + 1 WHERE client = $1", [.int(client)])
            }
        }
    }

    /// Closes the pool and stops the cluster.
    func stop() async {
        await pool.shutdown()
        try? cluster.stop()
    }
}
