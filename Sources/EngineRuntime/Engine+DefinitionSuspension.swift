import EngineCore
import Expressions
import PostgresClient

/// Which process definitions an operation names: one by id, or every version of a key.
public enum DefinitionSelector: Sendable, Hashable {
    /// One definition (`key:version:uuid`).
    case id(String)
    /// Every version of a key.
    case key(String)
}

extension Engine {
    /// Suspends or activates process definitions named by id or key (every version of a key), through
    /// `setDefinitionsSuspended`: a suspended definition starts no instances (by id or key, by message or signal start
    /// events, from call activities) and its timer start events do not fire; activated again, an overdue timer start
    /// fires once. With `includeProcessInstances`, its active instances are suspended or activated too (their
    /// external tasks are then not fetchable and their jobs do not run). Returns the definitions changed.
    @discardableResult
    public func setDefinitionSuspended(
        _ selector: DefinitionSelector, suspended: Bool, includeProcessInstances: Bool = false,
        origin: CommandOrigin = .engine
    ) async throws -> [String] {
        let ids: [String] = try await pool.withConnection { connection in
            switch selector {
            case .id(let id):
                let rows = try connection.query("SELECT id FROM process_definitions WHERE id = $1", [.text(id)])
                guard !rows.rows.isEmpty else {
                    throw EngineError.notFound("process definition '\(id)' does not exist")
                }
                return [id]
            case .key(let key):
                let rows = try connection.query(
                    "SELECT id FROM process_definitions WHERE key = $1 ORDER BY id", [.text(key)])
                guard !rows.rows.isEmpty else {
                    throw EngineError.notFound("no process definition with key '\(key)' is deployed")
                }
                return try rows.rows.map { try $0.decode("id") }
            }
        }
        try await setDefinitionsSuspended(
            ids, suspended: suspended, includeInstances: includeProcessInstances, origin: origin)
        return ids
    }

    /// Refuses to start an instance of a suspended definition (Camunda's message).
    static func requireStartable(_ definitionID: String, on connection: PostgresConnection) throws {
        let rows = try connection.query(
            "SELECT suspended FROM process_definitions WHERE id = $1", [.text(definitionID)])
        guard let row = rows.rows.first else {
            throw EngineError.notFound("process definition '\(definitionID)' does not exist")
        }
        if try row.decode("suspended") as Bool {
            throw EngineError.rejected(
                "Cannot start process instance. Process definition \(definitionID) is suspended")
        }
    }
}
