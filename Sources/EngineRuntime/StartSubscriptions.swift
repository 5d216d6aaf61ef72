import BPMN
import EngineCore
import Expressions
import PostgresClient

/// Message and signal start events of the latest definition versions, kept in `event_subscriptions` with no
/// instance, so a message or signal can start an instance.
enum StartSubscriptions {
    /// Replaces the start subscriptions of a definition's key with the ones of the new version.
    static func register(
        _ process: ExecutableProcess, definitionID: String, key: String, now: DateTime, on connection: PostgresConnection
    ) throws {
        try connection.execute(
            """
            DELETE FROM event_subscriptions WHERE process_instance_id IS NULL
            AND definition_id IN (SELECT id FROM process_definitions WHERE key = $1)
            """, [.text(key)])
        try connection.execute(
            """
            DELETE FROM jobs WHERE kind = 'timer-start' AND process_instance_id IS NULL
            AND definition_id IN (SELECT id FROM process_definitions WHERE key = $1)
            """, [.text(key)])
        var number = 0
        for start in process.nodes[0].startEvents {
            if case .startEvent(.timer(let spec), _) = process[start].behavior, let schedule = spec.schedule,
                let due = schedule.firstDue(startingAt: now)
            {
                try connection.execute(
                    """
                    INSERT INTO jobs (id, process_instance_id, definition_id, kind, element_id, due_at, payload,
                        created_at)
                    VALUES (gen_random_uuid(), NULL, $1, 'timer-start', $2, $3::timestamptz, '{"fired":0}'::jsonb,
                        $4::timestamptz)
                    """, [.text(definitionID), .text(process[start].id.rawValue), .text(due.iso8601), .text(now.iso8601)])
            }
            guard case .startEvent(let trigger, _) = process[start].behavior else { continue }
            let kind: String
            let name: CompiledExpression
            switch trigger {
            case .message(let spec): (kind, name) = ("message", spec.name)
            case .signal(let expression): (kind, name) = ("signal", expression)
            case .none, .timer, .error, .escalation, .link, .terminate: continue
            }
            // Start event names cannot see variables: they are evaluated with none.
            guard case .success(let value) = name.evaluate(in: EmptyContext(now: now)), case .string(let text) = value
            else { continue }
            number += 1
            try connection.execute(
                """
                INSERT INTO event_subscriptions (process_instance_id, definition_id, subscription_key, kind, name,
                    element_id, created_at)
                VALUES (NULL, $1, $2, $3, $4, $5, $6::timestamptz)
                """,
                [.text(definitionID), .int(number), .text(kind), .text(text), .text(process[start].id.rawValue),
                 .text(now.iso8601)])
        }
    }

    /// Start commands for every latest definition with a start event for this message or signal (suspended
    /// definitions start nothing).
    static func starts(
        kind: String, name: String, variables: [String: Value], actor: String?, businessKey: String? = nil,
        on connection: PostgresConnection
    ) throws -> [InstanceTransaction.Pending] {
        let rows = try connection.query(
            """
            SELECT es.definition_id, es.element_id FROM event_subscriptions es
            JOIN process_definitions d ON d.id = es.definition_id
            WHERE es.process_instance_id IS NULL AND es.kind = $1 AND es.name = $2 AND NOT d.suspended
            ORDER BY es.definition_id, es.element_id
            """, [.text(kind), .text(name)])
        var result: [InstanceTransaction.Pending] = []
        for row in rows.rows {
            let startEvent: String = try row.decode("element_id")
            result.append(
                InstanceTransaction.Pending(
                    target: .new(definitionID: try row.decode("definition_id"), superInstance: nil, startedBy: actor),
                    command: .start(variables: variables, businessKey: businessKey, startEvent: ElementID(startEvent)),
                    isPrimary: false, name: kind == "message" ? "messageStart" : "signalStart"))
        }
        return result
    }
}

/// No variables, only the clock.
struct EmptyContext: EvaluationContext {
    let now: DateTime
    func variable(_ name: String) -> Value? { nil }
}
