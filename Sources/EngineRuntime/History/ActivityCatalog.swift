import EngineCore
import PostgresClient

/// Names and Camunda activity types of the elements of deployed definitions, handed to history queries as a table
/// (`unnest` of arrays), since history rows carry only element ids.
struct ActivityCatalog {
    struct Entry {
        let definitionID: String
        let elementID: String
        let name: String?
        let type: String
        /// Whether leaving the element ends its scope (no outgoing sequence flow).
        let completesScope: Bool
    }

    private(set) var entries: [Entry] = []

    /// The catalog of the given definitions (compiled through the engine's cache).
    init(engine: Engine, definitionIDs: [String], on connection: PostgresConnection) throws {
        for id in Set(definitionIDs).sorted() {
            let process = try engine.definition(id, on: connection).process
            for node in process.nodes {
                if case .process = node.behavior { continue }
                entries.append(
                    Entry(
                        definitionID: id, elementID: node.id.rawValue, name: node.name,
                        type: ExecutableNode.camundaActivityType(node), completesScope: node.outgoing.isEmpty))
            }
        }
    }

    /// The definitions whose instances a query may reach: those of the given instances, or all that have instances.
    static func definitionIDs(instances: [String]?, on connection: PostgresConnection) throws -> [String] {
        let rows: PostgresRows
        if let instances {
            rows = try connection.query(
                "SELECT DISTINCT definition_id FROM process_instances WHERE id = ANY($1::uuid[])",
                [.textArray(instances.compactMap(HistoryIDs.canonicalUUID))])
        } else {
            rows = try connection.query("SELECT DISTINCT definition_id FROM process_instances", [])
        }
        return try rows.rows.map { try $0.decode("definition_id") }
    }

    /// The catalog as a table expression `c(definition_id, element_id, name, type, completes_scope)` whose arrays
    /// are bound through `bind`.
    func table(_ bind: (PostgresValue) -> String) -> String {
        let definitions = bind(.textArray(entries.map(\.definitionID)))
        let elements = bind(.textArray(entries.map(\.elementID)))
        let names = bind(.textArray(entries.map(\.name)))
        let types = bind(.textArray(entries.map(\.type)))
        let scopes = bind(.textArray(entries.map { $0.completesScope ? "t" : "f" }))
        return """
            (SELECT d AS definition_id, e AS element_id, n AS name, t AS type, s::boolean AS completes_scope
             FROM unnest(\(definitions)::text[], \(elements)::text[], \(names)::text[], \(types)::text[],
                 \(scopes)::text[]) AS u(d, e, n, t, s))
            """
    }
}
