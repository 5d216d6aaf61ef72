import Expressions
import PostgresClient

/// What remains of a process instance whose history was removed (history cleanup or `DELETE
/// /history/process-instance/{id}`): the facts of its chain at removal, signed with HMAC-SHA256 (docs/audit.md).
public struct HistoryTombstone: Sendable, Hashable {
    /// Why history was removed.
    public enum Reason: String, Sendable, Hashable {
        /// History cleanup: the definition's `historyTimeToLive` had passed since the instance ended.
        case cleanup
        /// An operator deleted it (`DELETE /history/process-instance/{id}`).
        case deleted
    }

    /// The removed instance.
    public var instanceID: String
    /// Its process definition.
    public var definitionID: String
    /// Its process definition key.
    public var definitionKey: String
    /// How many history events its chain had.
    public var eventCount: Int
    /// The hash of its last event (nil when it had none).
    public var headHash: String?
    /// When the instance ended.
    public var endedAt: DateTime
    /// When its history was removed.
    public var removedAt: DateTime
    /// Who removed it (nil for history cleanup).
    public var removedBy: String?
    /// Why.
    public var reason: Reason
    /// The fingerprint of the key that signed it.
    public var keyID: String
    /// Hex HMAC-SHA256 of `signedText` (`signedText` is the message).
    public var signature: String

    /// The signed message: the fields joined by U+001F after a version tag, a missing value written `∅`.
    public var signedText: String {
        [
            "baton-tombstone-v1", instanceID, definitionID, definitionKey, String(eventCount), headHash ?? "∅",
            String(endedAt.epochMilliseconds), String(removedAt.epochMilliseconds), removedBy ?? "∅", reason.rawValue,
        ].joined(separator: "\u{1F}")
    }

    /// The columns `decode` reads.
    static let columns = """
        process_instance_id::text AS pid, definition_id, definition_key, event_count, head_hash,
        (extract(epoch FROM ended_at) * 1000)::int8 AS ended_ms, (extract(epoch FROM removed_at) * 1000)::int8 AS
        removed_ms, removed_by, reason, key_id, signature
        """

    /// A tombstone from a row selected with `columns`.
    static func decode(_ row: PostgresRow) throws -> HistoryTombstone {
        let reasonText: String = try row.decode("reason")
        let instanceID: String = try row.decode("pid")
        guard let reason = Reason(rawValue: reasonText) else {
            throw EngineError.corruptState("the tombstone of \(instanceID) has an unknown reason '\(reasonText)'")
        }
        return HistoryTombstone(
            instanceID: instanceID, definitionID: try row.decode("definition_id"),
            definitionKey: try row.decode("definition_key"), eventCount: try row.decode("event_count"),
            headHash: try row.decode("head_hash"),
            endedAt: DateTime(epochMilliseconds: try row.decode("ended_ms"), offsetSeconds: 0),
            removedAt: DateTime(epochMilliseconds: try row.decode("removed_ms"), offsetSeconds: 0),
            removedBy: try row.decode("removed_by"), reason: reason, keyID: try row.decode("key_id"),
            signature: try row.decode("signature"))
    }

    /// The tombstone of an instance, if it has one.
    static func find(_ instanceID: String, on connection: PostgresConnection) throws -> HistoryTombstone? {
        try connection.query(
            "SELECT \(columns) FROM history_tombstones WHERE process_instance_id = $1::uuid", [.text(instanceID)]
        ).rows.first.map(decode)
    }
}

/// A tombstone as verification found it.
public struct TombstoneCheck: Sendable, Hashable {
    /// The tombstone.
    public var tombstone: HistoryTombstone
    /// Whether its signature verifies with a key this verifier holds.
    public var signatureValid: Bool
    /// What is wrong (nil when the tombstone explains the removal): a signature that does not verify, a key that is
    /// not available, or history rows that remain.
    public var problem: String?

    /// Whether the tombstone accounts for the missing history.
    public var isValid: Bool { problem == nil }
}
