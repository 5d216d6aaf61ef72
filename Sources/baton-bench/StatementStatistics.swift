import PostgresClient

/// `baton-bench jobs --statements`: server execution time, planning and WAL volume per statement from
/// `pg_stat_statements`, the server's WAL totals from `pg_stat_wal`, and each table's row counts from
/// `pg_stat_user_tables`, for the timer phase and the external-task phase, for finding where a benchmark's server time
/// goes. The server must load the module (`BATON_EMBEDDED_POSTGRES_OPTIONS="-c
/// shared_preload_libraries=pg_stat_statements"`, and `-c pg_stat_statements.track_planning=on` for the planning
/// times); the extension is created in the benchmark's database on first use. Table counts reach the view about once
/// a second, so the last second of a phase may be missing from them.
enum StatementStatistics {
    /// Creates the extension if needed and forgets everything counted so far.
    static func reset(_ pool: PostgresPool) async throws {
        try await pool.withConnection { connection in
            try connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            try connection.execute("SELECT pg_stat_statements_reset()")
            try connection.execute("SELECT pg_stat_reset_shared('wal')")
            try connection.execute("SELECT pg_stat_reset()")
        }
    }

    /// The 25 statements with the most execution time since `reset`, one line each: calls, total and mean time,
    /// rows, plans and their total time, WAL bytes per call and the start of the statement's text; then the WAL
    /// written since `reset` (records, full-page images, bytes, writes and syncs of the WAL file); then each table's
    /// rows inserted, updated (and of those, heap-only: no index entry added) and deleted.
    static func report(_ pool: PostgresPool) async throws -> String {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT calls, round(total_exec_time::numeric, 1)::text AS total_ms,
                    round(mean_exec_time::numeric * 1000, 1)::text AS mean_us, rows, plans,
                    round(total_plan_time::numeric, 1)::text AS plan_ms,
                    (wal_bytes / greatest(calls, 1))::int8 AS wal_per_call,
                    left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS statement
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25
                """)
            var text = "statements (calls, total ms, mean µs, rows, plans (their total time), WAL bytes per call, "
                + "text):\n"
            for row in rows.rows {
                let calls: Int = try row.decode("calls")
                let total: String = try row.decode("total_ms")
                let mean: String = try row.decode("mean_us")
                let count: Int = try row.decode("rows")
                let plans: Int = try row.decode("plans")
                let planning: String = try row.decode("plan_ms")
                let wal: Int = try row.decode("wal_per_call")
                let statement: String = try row.decode("statement")
                text += "  \(calls)  \(total) ms  \(mean) µs  \(count)  \(plans) (\(planning) ms)  \(wal) B  "
                    + "\(statement)\n"
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
            // Updates that had to add index entries (not heap-only): each writes every index of its table.
            let tables = try connection.query(
                """
                SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables
                WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname
                """)
            text += "tables (inserted, updated, of them heap-only, deleted):"
            for row in tables.rows {
                let name: String = try row.decode("relname")
                let inserted: Int = try row.decode("n_tup_ins")
                let updated: Int = try row.decode("n_tup_upd")
                let heapOnly: Int = try row.decode("n_tup_hot_upd")
                let deleted: Int = try row.decode("n_tup_del")
                text += " \(name) \(inserted)/\(updated)/\(heapOnly)/\(deleted);"
            }
            return text + "\n"
        }
    }
}
