import EngineRuntime
import Expressions
import Foundation
import PostgresClient

/// The timeline half of `baton-bench audit`: a large history generated in SQL, one instance with 1,000 events built
/// through the engine, and the latency of reading that instance's timeline.
enum TimelineLatency {
    static func measure(
        engine: Engine, options: AuditBench.Options, log: inout String
    ) async throws -> [(String, JSONValue)] {
        let pool = engine.pool
        let clock = ContinuousClock()
        let generating = clock.now
        try await generate(pool, instances: options.instances, events: options.eventsPerInstance, log: &log)
        let generated = seconds(clock.now - generating)
        log += "generated \(options.instances) instances × \(options.eventsPerInstance) events in "
            + "\(String(format: "%.1f", generated)) s\n"
        let id = try await longInstance(engine, events: options.timelineEvents)
        let events: Int = try await pool.withConnection { connection in
            try connection.query(
                "SELECT count(*)::int8 AS n FROM history_events WHERE process_instance_id = $1::uuid", [.text(id)]
            ).rows[0].decode("n")
        }
        log += "instance \(id) has \(events) events\n"
        var figures: [(String, JSONValue)] = [
            ("backgroundInstances", .int(options.instances)),
            ("backgroundEvents", .int(options.instances * options.eventsPerInstance)),
            ("generationSeconds", .double((generated * 10).rounded() / 10)), ("timelineInstanceEvents", .int(events)),
        ]
        figures += try await queryLatency(engine, instance: id, queries: options.queries, log: &log)
        return figures
    }

    /// Background history: `instances` finished instances with `events` chained events each, in batches of 10,000
    /// instances (one INSERT … SELECT generate_series each, through the chain trigger).
    static func generate(_ pool: PostgresPool, instances: Int, events: Int, log: inout String) async throws {
        try await pool.withConnection { connection in
            let definition: String = try connection.query(
                "SELECT id FROM process_definitions WHERE key = 'audited'"
            ).rows[0].decode("id")
            var first = 1
            while first <= instances {
                let last = min(instances, first + 9_999)
                try connection.execute(
                    """
                    INSERT INTO process_instances (id, definition_id, definition_key, state, snapshot, revision,
                        started_at, ended_at, history_sequence)
                    SELECT md5('bench-' || g)::uuid, $1, 'audited', 'completed', '{}'::json, 1,
                        now() - interval '2 days', now() - interval '2 days', $4
                    FROM generate_series($2::int8, $3::int8) g
                    """, [.text(definition), .int(first), .int(last), .int(events)])
                try connection.execute(
                    """
                    INSERT INTO history_events (process_instance_id, sequence, occurred_at, type, element_id,
                        element_instance_key, payload, command)
                    SELECT md5('bench-' || g)::uuid, s, now() - interval '2 days' + s * interval '1 millisecond',
                        CASE s WHEN 1 THEN 'instanceCreated' WHEN $3 THEN 'elementCompleted'
                            WHEN 2 THEN 'elementActivated' ELSE 'variableCreated' END,
                        CASE s WHEN 1 THEN 'audited' WHEN $3 THEN 'audited' WHEN 2 THEN 'audited' ELSE NULL END,
                        1, json_build_object('name', 'v' || s, 'value', g), 'start'
                    FROM generate_series($1::int8, $2::int8) g, generate_series(1, $3::int8) s ORDER BY g, s
                    """, [.int(first), .int(last), .int(events)])
                first = last + 1
            }
            try connection.execute("ANALYZE history_events")
            try connection.execute("ANALYZE process_instances")
        }
    }

    /// An instance waiting at a user task whose variables are changed until it has `events` history events, then
    /// completed.
    static func longInstance(_ engine: Engine, events: Int) async throws -> String {
        let id = try await engine.startInstance(key: "waiting", variables: ["n": .integer(0)]).id
        var count = try await historyCount(engine.pool, id)
        var n = 0
        while count < events - 4 {
            n += 1
            _ = try await engine.setVariables(id, ["n": .integer(n), "note": .string("change \(n)")])
            count = try await historyCount(engine.pool, id)
        }
        let task: String = try await engine.pool.withConnection { connection in
            try connection.query(
                "SELECT id::text AS id FROM user_tasks WHERE process_instance_id = $1::uuid", [.text(id)]
            ).rows[0].decode("id")
        }
        _ = try await engine.completeUserTask(task, variables: ["approved": .bool(true)])
        return id
    }

    static func historyCount(_ pool: PostgresPool, _ id: String) async throws -> Int {
        try await pool.withConnection { connection in
            try connection.query(
                "SELECT history_sequence::int8 AS n FROM process_instances WHERE id = $1::uuid", [.text(id)]
            ).rows[0].decode("n")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let value = sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count - 1)).rounded()))]
        return (value * 100).rounded() / 100
    }
}
