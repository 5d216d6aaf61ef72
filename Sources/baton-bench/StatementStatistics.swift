import PostgresClient

/// `baton-bench jobs --statements`: server execution time and WAL volume per statement from `pg_stat_statements`,
/// and the server's WAL totals from `pg_stat_wal`, for finding where a benchmark's server time goes. The server
/// must load the module (`BATON_EMBEDDED_POSTGRES_OPTIONS="-c shared_preload_libraries=pg_stat_statements"`); the
/// extension is created in the benchmark's database on first use.
enum StatementStatistics {
    /// Creates the extension if needed and forgets everything counted so far.
    static func reset(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            try connection.execute("SELECT pg_stat_statements_reset()")
            try connection.execute("SELECT pg_stat_reset_shared('wal')")
        }
    }

    /// The 25 statements with the most execution time since `reset`, one line each: calls, total and mean time,
    /// rows, WAL bytes per call and the start of the statement's text; then the WAL written since `reset` (records,
    /// full-page images, bytes, writes and syncs of the WAL file).
    static func report(_ pool: PostgresPool) async throws -> String {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT calls, round(total_exec_time::numeric, 1)::text AS total_ms,
                    round(mean_exec_time::numeric * 1000, 1)::text AS mean_us, rows, plans,
                    (wal_bytes / greatest(calls, 1))::int8 AS wal_per_call,
                    left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS statement
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25
                """)
            var text = "statements (calls, total ms, mean µs, rows, plans, WAL bytes per call, text):\n"
            for row in rows.rows {
                let calls: Int = try row.decode("calls")
                let total: String = try row.decode("total_ms")
                let mean: String = try row.decode("mean_us")
                let count: Int = try row.decode("rows")
                let plans: Int = try row.decode("plans")
                let wal: Int = try row.decode("wal_per_call")
                let statement: String = try row.decode("statement")
                text += "  \(calls)  \(total) ms  \(mean) µs  \(count)  \(plans)  \(wal) B  \(statement)\n"
            }
            let wal = try connection.query(
                "SELECT wal_records, wal_fpi, wal_bytes::int8 AS wal_bytes, wal_write, wal_sync FROM pg_stat_wal")
            if let totals = wal.rows.first {
                let records: Int = try totals.decode("wal_records")
                let images: Int = try totals.decode("wal_fpi")
                let bytes: Int = try totals.decode("wal_bytes")
                let writes: Int = try totals.decode("wal_write")
                let syncs: Int = try totals.decode("wal_sync")
                text += "WAL: \(records) records, \(images) full-page images, \(bytes) bytes, \(writes) writes, "
                    + "\(syncs) syncs\n"
            }
            return text
        }
    }
}
