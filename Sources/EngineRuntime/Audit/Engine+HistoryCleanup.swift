import Expressions
import Foundation
import PostgresClient

/// What one history cleanup run removed.
public struct HistoryCleanupResult: Sendable, Hashable {
    /// How many instances' history was removed (each leaving a tombstone).
    public var instances: Int
    /// How many batches (transactions) that took, the last one possibly empty.
    public var batches: Int
    /// How many history events were removed.
    public var events: Int
}

extension Engine {
    /// History cleanup (Camunda's history cleanup job): removes, in batches of `batchSize` instances (each batch one
    /// transaction), every finished instance whose definition has a `camunda:historyTimeToLive` that has passed
    /// since the instance ended. Each instance leaves a signed tombstone (`HistoryTombstone`, reason `cleanup`);
    /// its history events, variables, comments and remaining runtime rows and the instance row go. Stops when a
    /// batch finds nothing more, or after `maximumBatches`. Several nodes may run it at once: instances are claimed
    /// with `FOR UPDATE SKIP LOCKED`.
    /// - Throws: `EngineError.rejected` for a batch size below 1, `EngineError.storage` when the database fails
    ///   (batches committed before stay done).
    @discardableResult
    public func cleanUpHistory(batchSize: Int = 500, maximumBatches: Int? = nil) async throws -> HistoryCleanupResult {
        guard batchSize >= 1 else {
            throw EngineError.rejected("history cleanup batch size must be at least 1, not \(batchSize)")
        }
        var result = HistoryCleanupResult(instances: 0, batches: 0, events: 0)
        while maximumBatches.map({ result.batches < $0 }) ?? true {
            let now = clock.now()
            let key = auditKey
            let (instances, events) = try await transaction { connection in
                let candidates = try connection.query(
                    """
                    SELECT p.id::text AS id, p.definition_id, p.definition_key, \(HistorySQL.millis("p.ended_at")) AS ended_ms
                    FROM process_instances p JOIN process_definitions d ON d.id = p.definition_id
                    WHERE p.ended_at IS NOT NULL AND p.state IN ('completed', 'terminated')
                        AND d.history_ttl_days IS NOT NULL
                        AND p.ended_at + make_interval(days => d.history_ttl_days) < $1::timestamptz
                    ORDER BY p.ended_at LIMIT $2 FOR UPDATE OF p SKIP LOCKED
                    """, [.text(now.iso8601), .int(batchSize)]
                ).rows.map(RemovalCandidate.init)
                let removed = try Self.remove(
                    candidates, reason: .cleanup, by: nil, key: key, now: now, on: connection)
                return (removed.count, removed.reduce(0) { $0 + $1.eventCount })
            }
            result.batches += 1
            result.instances += instances
            result.events += events
            if instances < batchSize { break }
        }
        return result
    }

    /// Removes one finished instance's history now (`DELETE /history/process-instance/{id}`), leaving a signed
    /// tombstone with reason `deleted` and the user.
    /// - Throws: `HistoryError.notFound` for an unknown instance (or one already removed), `HistoryError.rejected`
    ///   for a running one (Camunda's message), `EngineError.storage` when the database fails.
    @discardableResult
    public func removeHistory(ofInstance id: String, by user: String?) async throws -> HistoryTombstone {
        guard UUID(uuidString: id) != nil else {
            throw HistoryError.notFound("No historic process instance found with id: \(id)")
        }
        let now = clock.now()
        let key = auditKey
        return try await transaction { connection in
            guard let row = try connection.query(
                """
                SELECT id::text AS id, definition_id, definition_key, state, \(HistorySQL.millis("ended_at")) AS ended_ms
                FROM process_instances WHERE id = $1::uuid FOR UPDATE
                """, [.text(id)]
            ).rows.first else {
                let removed = try HistoryTombstone.find(id, on: connection) != nil
                throw HistoryError.notFound(
                    "No historic process instance found with id: \(id)"
                        + (removed ? " (its history was already removed; see its tombstone at …/audit)" : ""))
            }
            let state: String = try row.decode("state")
            guard state == "completed" || state == "terminated", try row.decode("ended_ms") as Int64? != nil else {
                throw HistoryError.rejected(
                    "Process instance is still running, cannot delete historic process instance: \(id)")
            }
            let removed = try Self.remove(
                [try RemovalCandidate(row)], reason: .deleted, by: user, key: key, now: now, on: connection)
            guard let tombstone = removed.first else {
                throw EngineError.corruptState("removing the history of \(id) wrote no tombstone")
            }
            return tombstone
        }
    }

    /// The tables holding rows of an instance, cleared after its history (the instance row last).
    static let instanceTables = [
        "task_candidates", "user_tasks", "task_comments", "variables", "element_instances", "external_tasks", "jobs",
        "event_subscriptions", "incidents",
    ]

    /// Writes the tombstones of locked, finished instances, then removes their history (the database checks it
    /// against the tombstones, migration 0009) and their other rows.
    static func remove(
        _ candidates: [RemovalCandidate], reason: HistoryTombstone.Reason, by user: String?, key configured: AuditKey?,
        now: DateTime, on connection: PostgresConnection
    ) throws -> [HistoryTombstone] {
        guard !candidates.isEmpty else { return [] }
        let ids = candidates.map(\.id)
        var heads: [String: (count: Int, hash: String?)] = [:]
        for row in try connection.query(
            """
            SELECT process_instance_id::text AS id, count(*)::int8 AS n,
                (array_agg(hash ORDER BY sequence DESC))[1] AS head
            FROM history_events WHERE process_instance_id = ANY($1::text[]::uuid[]) GROUP BY 1
            """, [.textArray(ids)]
        ).rows {
            heads[try row.decode("id")] = (try row.decode("n"), try row.decode("head"))
        }
        let key = try AuditKey.signing(configured: configured, on: connection, now: now)
        let removedAt = DateTime(epochMilliseconds: now.epochMilliseconds, offsetSeconds: 0)
        let tombstones = candidates.map { candidate in
            var tombstone = HistoryTombstone(
                instanceID: candidate.id, definitionID: candidate.definitionID, definitionKey: candidate.definitionKey,
                eventCount: heads[candidate.id]?.count ?? 0, headHash: heads[candidate.id]?.hash ?? nil,
                endedAt: candidate.endedAt, removedAt: removedAt, removedBy: user, reason: reason, keyID: key.id,
                signature: "")
            tombstone.signature = key.sign(tombstone.signedText)
            return tombstone
        }
        let array = PostgresValue.textArray(ids)
        var statements = [
            PostgresStatement(
                """
                INSERT INTO history_tombstones (process_instance_id, definition_id, definition_key, event_count,
                    head_hash, ended_at, removed_at, removed_by, reason, key_id, signature)
                SELECT i::uuid, d, k, n, h, timestamptz 'epoch' + e * interval '1 millisecond',
                    timestamptz 'epoch' + r * interval '1 millisecond', $8, $9, $10, s
                FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::int8[], $7::int8[],
                    $11::text[]) AS t(i, d, k, n, h, e, r, s)
                """,
                [
                    array, .textArray(tombstones.map(\.definitionID)), .textArray(tombstones.map(\.definitionKey)),
                    .intArray(tombstones.map(\.eventCount)), .textArray(tombstones.map(\.headHash)),
                    .intArray(tombstones.map { Int($0.endedAt.epochMilliseconds) }),
                    .intArray(tombstones.map { Int($0.removedAt.epochMilliseconds) }), SQLText.optional(user),
                    .text(reason.rawValue), .text(key.id), .textArray(tombstones.map(\.signature)),
                ]),
            PostgresStatement("DELETE FROM history_events WHERE process_instance_id = ANY($1::text[]::uuid[])", [array]),
        ]
        for table in instanceTables {
            statements.append(
                PostgresStatement("DELETE FROM \(table) WHERE process_instance_id = ANY($1::text[]::uuid[])", [array]))
        }
        statements.append(PostgresStatement("DELETE FROM process_instances WHERE id = ANY($1::text[]::uuid[])", [array]))
        _ = try connection.pipeline(statements)
        return tombstones
    }
}

/// A finished instance chosen for removal (locked).
struct RemovalCandidate {
    let id: String
    let definitionID: String
    let definitionKey: String
    let endedAt: DateTime

    init(_ row: PostgresRow) throws {
        id = try row.decode("id")
        definitionID = try row.decode("definition_id")
        definitionKey = try row.decode("definition_key")
        endedAt = DateTime(epochMilliseconds: try row.decode("ended_ms"), offsetSeconds: 0)
    }
}

extension Engine {
    /// Runs `cleanUpHistory` every `interval` until the surrounding task is cancelled (`baton serve` runs it beside
    /// the job executor). `report` hears each run's outcome, errors included; a failed run is tried again at the
    /// next interval.
    public func runHistoryCleanup(
        every interval: Duration, batchSize: Int,
        report: @escaping @Sendable (Result<HistoryCleanupResult, any Error>) -> Void = { _ in }
    ) async {
        while !Task.isCancelled {
            do {
                report(.success(try await cleanUpHistory(batchSize: batchSize)))
            } catch {
                if Task.isCancelled { return }
                report(.failure(error))
            }
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
        }
    }
}
