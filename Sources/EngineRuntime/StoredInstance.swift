import EngineCore
import PostgresClient

/// A process instance as loaded for a command, locked for the rest of the transaction.
struct StoredInstance {
    let id: String
    let definition: CachedDefinition
    var state: InstanceState
    var revision: Int
    var historySequence: Int
    let suspended: Bool
    let superInstance: (id: String, elementKey: Int)?
    /// The hash of the instance's last history row (`history_sequence`), read with the row: the engine continues the
    /// hash chain from it. Nil when the instance has no history yet, or when the row locked was newer than the
    /// statement's snapshot of `history_events` (a concurrent append): the trigger then hashes this step's rows.
    let historyHead: String?
    /// The instance id as stored (lowercase), which the hash chain's canonical form uses.
    let storedID: String

    /// The instance after a step wrote it: its new state, revision, history sequence and chain head.
    func written(state: InstanceState, historySequence: Int, historyHead: String?) -> StoredInstance {
        StoredInstance(
            id: storedID, definition: definition, state: state, revision: revision + 1,
            historySequence: historySequence, suspended: suspended, superInstance: superInstance,
            historyHead: historyHead, storedID: storedID)
    }

    /// The same instance with more history rows appended: the last one's sequence and hash.
    func withHistory(sequence: Int, head: String) -> StoredInstance {
        StoredInstance(
            id: id, definition: definition, state: state, revision: revision, historySequence: sequence,
            suspended: suspended, superInstance: superInstance, historyHead: head, storedID: storedID)
    }

    /// The `process_instances` columns `decode` reads (the table is `p`).
    static let columns = """
        p.id::text AS instance_id, p.definition_id, p.snapshot::text AS snapshot, p.revision, p.history_sequence,
        p.suspended, p.super_instance_id::text AS super_id, p.super_element_key,
        (SELECT h.hash FROM history_events h WHERE h.process_instance_id = p.id AND h.sequence = p.history_sequence)
            AS history_head
        """

    /// Loads and row-locks an instance (`FOR UPDATE`: concurrent commands on it wait for this transaction).
    static func load(_ id: String, engine: Engine, on connection: PostgresConnection) throws -> StoredInstance {
        let rows = try connection.query(
            "SELECT \(columns) FROM process_instances p WHERE p.id = $1::uuid FOR UPDATE", [.text(id)])
        guard let row = rows.rows.first else { throw EngineError.notFound("process instance '\(id)' does not exist") }
        return try decode(row, id: id, engine: engine, on: connection)
    }

    /// Builds the instance from a row with `columns` (its definition from the cache or the database); `id` is the
    /// id as the caller named it (default: as stored).
    static func decode(
        _ row: PostgresRow, id: String? = nil, engine: Engine, on connection: PostgresConnection
    ) throws -> StoredInstance {
        let id: String = try id ?? row.decode("instance_id")
        let definition = try engine.definition(try row.decode("definition_id"), on: connection)
        let state: InstanceState
        do {
            state = try InstanceState(snapshotJSON: try row.decode("snapshot"))
        } catch let error as SnapshotError {
            throw EngineError.corruptState("process instance '\(id)': \(error)")
        }
        var superInstance: (String, Int)?
        if let superID = try row.decode("super_id", as: String?.self),
            let superKey = try row.decode("super_element_key", as: Int?.self)
        {
            superInstance = (superID, superKey)
        }
        return StoredInstance(
            id: id, definition: definition, state: state, revision: try row.decode("revision"),
            historySequence: try row.decode("history_sequence"), suspended: try row.decode("suspended"),
            superInstance: superInstance, historyHead: try row.decode("history_head"),
            storedID: try row.decode("instance_id"))
    }
}
