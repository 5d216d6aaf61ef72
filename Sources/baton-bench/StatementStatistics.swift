import PostgresClient

/// `baton-bench jobs --statements`: server execution time per statement from `pg_stat_statements`, for finding
/// where a benchmark's server time goes. The server must load the module
/// (`BATON_EMBEDDED_POSTGRES_OPTIONS="-c shared_preload_libraries=pg_stat_statements"`); the extension is created
/// in the benchmark's database on first use.
enum StatementStatistics {
    /// Creates the extension if needed and forgets everything counted so far.
    static func reset(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            try connection.execute("SELECT pg_stat_statements_reset()")
        }
    }

    /// The 25 statements with the most execution time since `reset`, one line each: calls, total and mean time,
    /// rows, and the start of the statement's text.
    static func report(_ pool: PostgresPool) async throws -> String {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT calls, round(total_exec_time::numeric, 1)::text AS total_ms,
                    round(mean_exec_time::numeric * 1000, 1)::text AS mean_us, rows, plans,
                    left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS statement
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25
                """)
            var text = "statements (calls, total ms, mean µs, rows, plans, text):\n"
            for row in rows.rows {
                let calls: Int = try row.decode("calls")
                let total: String = try row.decode("total_ms")
                let mean: String = try row.decode("mean_us")
                let count: Int = try row.decode("rows")
                let plans: Int = try row.decode("plans")
                let statement: String = try row.decode("statement")
                text += "  \(calls)  \(total) ms  \(mean) µs  \(count)  \(plans)  \(statement)\n"
            }
            return text
        }
    }
}
