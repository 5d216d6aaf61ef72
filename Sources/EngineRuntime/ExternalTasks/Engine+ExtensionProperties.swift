import BPMN
import Synchronization

/// `camunda:properties` (and `zeebe:properties`) of each flow node of a definition — and of the process itself, under
/// the process id (ids are unique within a document) — read once from the deployed XML and kept for the life of the
/// process (definitions never change).
final class ExtensionPropertyCache: Sendable {
    static let shared = ExtensionPropertyCache()
    private let entries = Mutex<[String: [String: [String: String]]]>([:])

    func get(_ definitionID: String) -> [String: [String: String]]? { entries.withLock { $0[definitionID] } }

    func put(_ definitionID: String, _ properties: [String: [String: String]]) {
        entries.withLock { entries in
            if entries.count > 1_000 { entries.removeAll() }
            entries[definitionID] = properties
        }
    }
}

extension Engine {
    /// The extension properties of an activity of a definition (`<camunda:properties>` / `<zeebe:properties>`), as
    /// external-task workers receive them with `includeExtensionProperties`. Empty when it has none.
    public func extensionProperties(definitionID: String, activityID: String) async throws -> [String: String] {
        try await allExtensionProperties(definitionID: definitionID)[activityID] ?? [:]
    }

    /// The extension properties of a definition's process element itself.
    func processExtensionProperties(definitionID: String) async throws -> [String: String] {
        let key = definitionID.split(separator: ":").first.map(String.init) ?? definitionID
        return try await allExtensionProperties(definitionID: definitionID)[key] ?? [:]
    }

    /// Every element's properties of a definition, by element id.
    private func allExtensionProperties(definitionID: String) async throws -> [String: [String: String]] {
        if let cached = ExtensionPropertyCache.shared.get(definitionID) { return cached }
        let content: [UInt8]? = try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT r.content FROM process_definitions d
                JOIN resources r ON r.deployment_id = d.deployment_id AND r.name = d.resource_name WHERE d.id = $1
                """, [.text(definitionID)]
            ).first?.decode("content")
        }
        guard let content else { return [:] }
        var properties: [String: [String: String]] = [:]
        let definitions = try BPMNParser().parse(content).definitions
        for process in definitions.processes {
            var own: [String: String] = [:]
            for property in process.extensions.camunda?.properties ?? [] { own[property.name] = property.value ?? "" }
            for property in process.extensions.zeebe?.properties ?? [] { own[property.key] = property.value ?? "" }
            if !own.isEmpty { properties[process.id.rawValue] = own }
            for node in process.elements.allFlowNodes {
                var values: [String: String] = [:]
                for property in node.extensions.camunda?.properties ?? [] { values[property.name] = property.value ?? "" }
                for property in node.extensions.zeebe?.properties ?? [] { values[property.key] = property.value ?? "" }
                if !values.isEmpty { properties[node.id.rawValue] = values }
            }
        }
        ExtensionPropertyCache.shared.put(definitionID, properties)
        return properties
    }
}
