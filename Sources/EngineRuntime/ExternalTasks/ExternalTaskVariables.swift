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
        var values: [String: [Int: [String: Value]]] = [:]
        let nameList: PostgresValue = names.map { .textArray($0.sorted()) } ?? .null
        let rows = try connection.query(
            """
            SELECT process_instance_id::text AS pid, scope_key, name, value::text AS value FROM variables
            WHERE process_instance_id = ANY($1::text[]::uuid[]) AND ($2::text[] IS NULL OR name = ANY($2::text[]))
            """, [.textArray(instances), nameList])
        for row in rows.rows {
            let value: Value
            do {
                value = try SnapshotCodec.value(json: try row.decode("value"))
            } catch {
                throw EngineError.corruptState("a stored variable could not be read: \(error)")
            }
            values[try row.decode("pid"), default: [:]][try row.decode("scope_key"), default: [:]][
                try row.decode("name")] = value
        }
        let parents = try scopeParents(for: wanted, values: values, on: connection)
        return tasks.map { entry in
            let topic = entry.topic
            if let list = topic.variables, list.isEmpty { return [:] }
            let instance = entry.task.processInstanceID
            var scopes = [entry.task.elementInstanceKey]
            if !topic.localVariables {
                if let tree = parents[instance] {
                    var current = tree[entry.task.elementInstanceKey]
                    while let scope = current, !scopes.contains(scope) {
                        scopes.append(scope)
                        current = tree[scope]
                    }
                } else if entry.task.elementInstanceKey != 1 {
                    // No variable of this instance lies between the task and the process scope.
                    scopes.append(1)
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

    /// The parent of each element instance (by instance), read only for the instances where a task could see a
    /// variable through a parent scope: one with a variable outside the process scope (key 1, the first key an
    /// instance takes) and the scope of its one task asking for more than its local variables. Process variables and
    /// a task's own variables need no tree, so the common fetch reads none.
    private static func scopeParents(
        for tasks: [(task: LockedExternalTask, topic: ExternalTaskTopic)], values: [String: [Int: [String: Value]]],
        on connection: PostgresConnection
    ) throws -> [String: [Int: Int]] {
        var tasksByInstance: [String: [Int]] = [:]
        for entry in tasks where !entry.topic.localVariables {
            tasksByInstance[entry.task.processInstanceID, default: []].append(entry.task.elementInstanceKey)
        }
        let needed = tasksByInstance.compactMap { instance, keys -> String? in
            let scopes = (values[instance] ?? [:]).keys.filter { $0 != 1 }
            if scopes.isEmpty || (keys.count == 1 && scopes.allSatisfy { $0 == keys[0] }) { return nil }
            return instance
        }
        guard !needed.isEmpty else { return [:] }
        var parents: [String: [Int: Int]] = [:]
        let rows = try connection.query(
            """
            SELECT process_instance_id::text AS pid, key, parent_key FROM element_instances
            WHERE process_instance_id = ANY($1::text[]::uuid[]) AND parent_key IS NOT NULL
            """, [.textArray(needed.sorted())])
        for row in rows.rows {
            parents[try row.decode("pid"), default: [:]][try row.decode("key")] = try row.decode("parent_key")
        }
        return parents
    }
}
