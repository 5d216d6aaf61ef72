import EngineStore
import PostgresClient

/// Re-walks the hash chain of an instance's history (migration 0008) independently of the database: each event's
/// canonical form is rebuilt here from the stored columns and hashed with the previous event's stored hash. The
/// first event whose recomputed hash differs from the stored one — or whose stored previous hash is not the hash of
/// the event before it, or that follows a gap in the numbering — is the first broken link. An instance whose history
/// was removed (migration 0009) is explained by its tombstone, whose HMAC signature is checked here with the keys
/// this verifier holds (the configured key and the one stored in the database).
public struct AuditChain: Sendable {
    /// The database.
    public let pool: PostgresPool
    /// The configured tombstone key (`BATON_AUDIT_KEY`), if any.
    public let configuredKey: AuditKey?

    /// Creates a verifier.
    public init(pool: PostgresPool, configuredKey: AuditKey? = nil) {
        self.pool = pool
        self.configuredKey = configuredKey
    }

    /// Verifies one instance. An instance without history or tombstone answers a valid, empty chain.
    public func verify(instanceID: String) async throws -> AuditVerification {
        let configuredKey = self.configuredKey
        return try await pool.withConnection { connection in
            try Self.verify(instanceID, keys: try Self.keys(configuredKey, on: connection), on: connection)
        }
    }

    /// Verifies every instance that has history or a tombstone; returns the broken ones (and how many were checked).
    public func verifyAll() async throws -> (checked: Int, broken: [AuditVerification]) {
        let configuredKey = self.configuredKey
        return try await pool.withConnection { connection in
            let keys = try Self.keys(configuredKey, on: connection)
            let ids = try connection.query(
                """
                SELECT DISTINCT process_instance_id::text AS id FROM history_events
                UNION SELECT process_instance_id::text FROM history_tombstones ORDER BY 1
                """
            ).rows.map { try $0.decode("id") as String }
            var broken: [AuditVerification] = []
            for id in ids {
                let result = try Self.verify(id, keys: keys, on: connection)
                if !result.isValid { broken.append(result) }
            }
            return (ids.count, broken)
        }
    }

    private static func keys(_ configured: AuditKey?, on connection: PostgresConnection) throws -> [AuditKey] {
        [configured, try AuditKey.stored(on: connection)].compactMap { $0 }
    }

    static func verify(
        _ instanceID: String, keys: [AuditKey], on connection: PostgresConnection
    ) throws -> AuditVerification {
        let rows = try connection.query(
            """
            SELECT process_instance_id::text AS pid, sequence, (extract(epoch FROM occurred_at) * 1000)::int8 AS millis,
                type, element_id, element_instance_key::text AS key, actor, command, payload::text AS payload,
                previous_hash, hash
            FROM history_events WHERE process_instance_id = $1::uuid ORDER BY sequence
            """, [.text(instanceID)])
        var verification = AuditVerification(instanceID: instanceID, events: rows.count, headHash: nil)
        var previous: (sequence: Int64, hash: String)?
        for row in rows.rows {
            let sequence: Int64 = try row.decode("sequence")
            let stored: String? = try row.decode("hash")
            let storedPrevious: String? = try row.decode("previous_hash")
            let expected = HistoryChain.hash(
                previous: previous?.hash,
                canonical: [
                    try row.decode("pid") as String, String(sequence), String(try row.decode("millis") as Int64),
                    try row.decode("type"), try row.decode("element_id"), try row.decode("key"),
                    try row.decode("actor"), try row.decode("command"), try row.decode("payload"),
                ])
            verification.headHash = stored
            guard verification.firstBroken == nil else { continue }
            var reason: String?
            if stored != expected {
                reason = "the event's content or its predecessor changed after it was written"
            } else if storedPrevious != previous?.hash {
                reason = "the event does not follow the event before it"
            } else if let previous, sequence != previous.sequence + 1 {
                reason = "events \(previous.sequence + 1)…\(sequence - 1) are missing"
            } else if previous == nil, sequence != 1 {
                reason = "events 1…\(sequence - 1) are missing"
            }
            if let reason {
                verification.firstBroken = .init(
                    sequence: sequence, expectedHash: expected, foundHash: stored ?? "", reason: reason)
            }
            previous = (sequence, stored ?? "")
        }
        if let tombstone = try HistoryTombstone.find(instanceID, on: connection) {
            verification.tombstone = check(tombstone, keys: keys, remainingRows: rows.count)
            if rows.count == 0 {
                verification.events = tombstone.eventCount
                verification.headHash = tombstone.headHash
            }
        }
        return verification
    }

    /// Checks a tombstone's signature with the key it names, and that no history remains beside it.
    static func check(_ tombstone: HistoryTombstone, keys: [AuditKey], remainingRows: Int) -> TombstoneCheck {
        guard let key = keys.first(where: { $0.id == tombstone.keyID }) else {
            return TombstoneCheck(
                tombstone: tombstone, signatureValid: false,
                problem: "the tombstone is signed with key \(tombstone.keyID), which this verifier does not hold "
                    + "(configure the BATON_AUDIT_KEY it was signed with); it cannot be trusted")
        }
        let valid = HMACSHA256.constantTimeEquals(key.sign(tombstone.signedText), tombstone.signature)
        var problem: String?
        if !valid {
            problem = "the tombstone's signature does not verify: it was altered or forged after the removal"
        } else if remainingRows > 0 {
            problem = "\(remainingRows) history events exist for an instance whose history was removed"
        }
        return TombstoneCheck(tombstone: tombstone, signatureValid: valid, problem: problem)
    }
}
