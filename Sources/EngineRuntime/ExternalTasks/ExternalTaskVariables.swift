import EngineCore
import Expressions
import PostgresClient

/// Reads the variables of locked external tasks from the `variables` and `element_instances` tables: the task's
/// own scope and its parents up to the process instance, the nearest scope winning (only the task's own scope
/// for `localVariables`), filtered by the requested names.
enum ExternalTaskVariables {
    /// The variables for each task, in order.
    static func read(
        for tasks: [(task: LockedExternalTask, topic: ExternalTaskTopic)], on connection: PostgresConnection
    ) throws -> [[String: Value]] {
        let wanted = tasks.filter { $0.topic.variables.map { !$0.isEmpty } ?? true }
        guard !wanted.isEmpty else { return tasks.map { _ in [:] } }
        let instances = Array(Set(wanted.map(\.task.processInstanceID))).sorted()
        var names: Set<String>? = []
        for entry in wanted {
            if let list = entry.topic.variables { names?.formUnion(list) } else { names = nil }
        }
        var parents: [String: [Int: Int]] = [:]
        var values: [String: [Int: [String: Value]]] = [:]
        let nameList: PostgresValue = names.map { .textArray($0.sorted()) } ?? .null
        // Both reads in one round trip.
        let results = try connection.pipeline([
            PostgresStatement(
                """
                SELECT process_instance_id::text AS pid, key, parent_key FROM element_instances
                WHERE process_instance_id = ANY($1::text[]::uuid[]) AND parent_key IS NOT NULL
                """, [.textArray(instances)]),
            PostgresStatement(
                """
                SELECT process_instance_id::text AS pid, scope_key, name, value::text AS value FROM variables
                WHERE process_instance_id = ANY($1::text[]::uuid[]) AND ($2::text[] IS NULL OR name = ANY($2::text[]))
                """, [.textArray(instances), nameList]),
        ])
        guard results.count == 2 else {
            throw EngineError.corruptState("the variables' read returned \(results.count) results instead of 2")
        }
        for row in results[0].rows {
            parents[try row.decode("pid"), default: [:]][try row.decode("key")] = try row.decode("parent_key")
        }
        for row in results[1].rows {
            let value: Value
            do {
                value = try SnapshotCodec.value(json: try row.decode("value"))
            } catch {
                throw EngineError.corruptState("a stored variable could not be read: \(error)")
            }
            values[try row.decode("pid"), default: [:]][try row.decode("scope_key"), default: [:]][
                try row.decode("name")] = value
        }
        return tasks.map { entry in
            let topic = entry.topic
            if let list = topic.variables, list.isEmpty { return [:] }
            let instance = entry.task.processInstanceID
            var scopes = [entry.task.elementInstanceKey]
            if !topic.localVariables {
                var current = parents[instance]?[entry.task.elementInstanceKey]
                while let scope = current, !scopes.contains(scope) {
                    scopes.append(scope)
                    current = parents[instance]?[scope]
                }
            }
            var result: [String: Value] = [:]
            for scope in scopes.reversed() {
                for (name, value) in values[instance]?[scope] ?? [:] where topic.variables?.contains(name) ?? true {
                    result[name] = value
                }
            }
            return result
        }
    }
}
