import EngineCore
import EngineRuntime
import Expressions
import HTTPTypes
import PostgresClient

/// The ProcessInstance endpoints of the Camunda REST API (contract §2.4). Reads: analysts, and reviewers for the
/// instances of their tasks; changes: admins.
enum ProcessInstanceRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        let pool = engine.pool
        let read = Access.readInstances
        let update = Access.updateInstances
        let tag = "ProcessInstance"

        for method in [HTTPRequest.Method.get, .post] {
            api.add(method, "/process-instance", tag: tag, summary: "Process instances", access: read) { request in
                .json(.array(try await ProcessInstanceQuery.list(request, pool: pool).map { $0.json() }))
            }
            api.add(method, "/process-instance/count", tag: tag, summary: "Count process instances", access: read) {
                request in
                .count(try await ProcessInstanceQuery.count(request, pool: pool))
            }
        }
        api.add(
            .put, "/process-instance/suspended", tag: tag,
            summary: "Suspend or activate the instances of a definition (id or key) or a list of instances",
            access: update
        ) { request in
            let body = try request.jsonObject()
            guard let suspended = body["suspended"]?.boolValue else {
                throw RESTError.invalidRequest("'suspended' must be true or false")
            }
            let ids = try await bulkTargets(body, pool: pool)
            do {
                try await engine.setInstancesSuspended(ids, suspended, origin: request.origin)
            } catch EngineError.notFound(let message) {
                throw RESTError.notFound(DeploymentRoutes.capitalized(message))
            }
            return .noContent
        }

        api.add(.get, "/process-instance/{id}", tag: tag, summary: "A process instance", access: read) { request in
            .json(try await readable(request, pool: pool).json())
        }
        api.add(
            .delete, "/process-instance/{id}", tag: tag,
            summary: "Delete (cancel) a process instance", access: update
        ) { request in
            let id = request.parameter("id")
            let failIfNotExists = request.query.first("failIfNotExists") != "false"
            guard try await ProcessInstanceRecord.find(id, pool: pool) != nil else {
                if failIfNotExists { throw notFound(id) }
                return .noContent
            }
            do {
                try await engine.deleteInstance(id.lowercased(), origin: request.origin)
            } catch EngineError.notFound, EngineError.rejected {
                if failIfNotExists { throw notFound(id) }
            }
            return .noContent
        }

        api.add(
            .get, "/process-instance/{id}/variables", tag: tag, summary: "The variables of a process instance",
            access: read
        ) { request in
            let (definitionID, state) = try await readableState(request, pool: pool)
            let deserialize = request.query.first("deserializeValues") != "false"
            let masker = try await VariableMasker.make(request, engine: engine, definitionID: definitionID)
            return .json(masker.dtoMap(state.processVariables, deserialize: deserialize))
        }
        api.add(
            .post, "/process-instance/{id}/variables", tag: tag,
            summary: "Set and delete variables of a process instance", access: update
        ) { request in
            let body = try request.jsonObject()
            let set = try VariableCodec.values(body["modifications"], field: "modifications")
            var deletions: [String] = []
            if let raw = body["deletions"], !raw.isNull {
                guard let items = raw.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                    throw RESTError.invalidRequest("'deletions' must be an array of variable names")
                }
                deletions = items.compactMap(\.stringValue)
            }
            try await modify(request, set: set, delete: deletions, engine: engine)
            return .noContent
        }
        api.add(
            .get, "/process-instance/{id}/variables/{varName}", tag: tag,
            summary: "One variable of a process instance", access: read
        ) { request in
            let (definitionID, state) = try await readableState(request, pool: pool)
            let name = request.parameter("varName")
            guard let value = state.processVariables[name] else { throw variableNotFound(name) }
            let deserialize = request.query.first("deserializeValue") != "false"
            let masker = try await VariableMasker.make(request, engine: engine, definitionID: definitionID)
            return .json(masker.dto(name, value, deserialize: deserialize))
        }
        api.add(
            .put, "/process-instance/{id}/variables/{varName}", tag: tag,
            summary: "Set one variable of a process instance", access: update
        ) { request in
            let name = request.parameter("varName")
            let value = try VariableCodec.value(try request.jsonObject(), name: name)
            try await modify(request, set: [name: value], delete: [], engine: engine)
            return .noContent
        }
        api.add(
            .delete, "/process-instance/{id}/variables/{varName}", tag: tag,
            summary: "Delete one variable of a process instance", access: update
        ) { request in
            try await modify(request, set: [:], delete: [request.parameter("varName")], engine: engine)
            return .noContent
        }
        api.add(
            .get, "/process-instance/{id}/variables/{varName}/data", tag: tag,
            summary: "The bytes of a binary variable (Baton has none: 400 for every existing variable)", access: read
        ) {
            request in
            let (_, state) = try await readableState(request, pool: pool)
            let name = request.parameter("varName")
            guard state.processVariables[name] != nil else { throw variableNotFound(name) }
            throw RESTError.invalidRequest("Value of variable with id \(name) is not a binary value.")
        }
        api.add(
            .post, "/process-instance/{id}/variables/{varName}/data", tag: tag,
            summary: "Set a binary variable (not supported: Baton has no binary values)", access: update
        ) { request in
            _ = try await existing(request, pool: pool)
            throw RESTError.invalidRequest(
                "Cannot set variable \(request.parameter("varName")): Baton does not support binary variables "
                    + "(Bytes, File); send the value as JSON through PUT …/variables/{name}")
        }

        api.add(
            .put, "/process-instance/{id}/suspended", tag: tag,
            summary: "Suspend or activate a process instance", access: update
        ) { request in
            let instance = try await existing(request, pool: pool)
            guard let suspended = try request.jsonObject()["suspended"]?.boolValue else {
                throw RESTError.invalidRequest("'suspended' must be true or false")
            }
            try await engine.setSuspended(instance.id, suspended, origin: request.origin)
            return .noContent
        }

        api.add(
            .get, "/process-instance/{id}/activity-instances", tag: tag,
            summary: "The activity instance tree of a process instance", access: read
        ) { request in
            let instance = try await readable(request, pool: pool)
            guard let (definitionID, state) = try await ProcessInstanceRecord.state(instance.id, pool: pool) else {
                throw notFound(instance.id)
            }
            let process = try await engine.processModel(definitionID: definitionID)
            let rows: [(String, Int)] = try await pool.withConnection { connection in
                try connection.query(
                    """
                    SELECT id::text AS id, element_instance_key FROM incidents WHERE process_instance_id = $1::uuid
                    AND element_instance_key IS NOT NULL ORDER BY created_at, id
                    """, [.text(instance.id)]
                ).rows.map { (try $0.decode("id"), try $0.decode("element_instance_key")) }
            }
            var incidents: [Int: [String]] = [:]
            for (id, key) in rows { incidents[key, default: []].append(id) }
            return .json(
                ActivityInstanceTree(
                    instanceID: instance.id, definitionID: definitionID, process: process, state: state,
                    incidents: incidents
                ).json)
        }

        api.add(
            .post, "/process-instance/{id}/modification", tag: tag,
            summary: "Modify a process instance (Baton: only cancelling the whole instance)", access: update
        ) {
            request in
            let instance = try await existing(request, pool: pool)
            let body = try request.jsonObject()
            guard let instructions = body["instructions"]?.arrayValue, !instructions.isEmpty else {
                throw RESTError.invalidRequest("'instructions' must be a non-empty array")
            }
            try ProcessInstanceModification.validate(instructions, instance: instance)
            do {
                try await engine.deleteInstance(instance.id, origin: request.origin)
            } catch EngineError.notFound, EngineError.rejected {
                throw notFound(instance.id)
            }
            return .noContent
        }
    }

    static func notFound(_ id: String) -> RESTError { .notFound("Process instance with id \(id) does not exist") }

    static func variableNotFound(_ name: String) -> RESTError {
        .notFound("process instance variable with name \(name) does not exist")
    }

    /// The running instance of the path, or 404.
    static func existing(_ request: APIRequest, pool: PostgresPool) async throws -> ProcessInstanceRecord {
        let id = request.parameter("id")
        guard let instance = try await ProcessInstanceRecord.find(id, pool: pool) else { throw notFound(id) }
        return instance
    }

    /// The running instance of the path if the caller may read it (404 / 403).
    static func readable(_ request: APIRequest, pool: PostgresPool) async throws -> ProcessInstanceRecord {
        let instance = try await existing(request, pool: pool)
        try await InstanceVisibility.check(request, instanceID: instance.id, pool: pool)
        return instance
    }

    static func readableState(
        _ request: APIRequest, pool: PostgresPool
    ) async throws -> (definitionID: String, state: InstanceState) {
        let instance = try await readable(request, pool: pool)
        guard let found = try await ProcessInstanceRecord.state(instance.id, pool: pool) else {
            throw notFound(instance.id)
        }
        return found
    }

    static func modify(_ request: APIRequest, set: [String: Value], delete: [String], engine: Engine) async throws {
        let instance = try await existing(request, pool: engine.pool)
        do {
            try await engine.modifyVariables(instance.id, set: set, delete: delete, origin: request.origin)
        } catch EngineError.notFound {
            throw notFound(instance.id)
        } catch EngineError.rejected(let message) {
            throw RESTError.badUserRequest(
                "Cannot modify variables for process instance \(instance.id): " + DeploymentRoutes.capitalized(message))
        }
    }

    /// The instances a bulk suspension names: `processInstanceIds`, or every running instance of
    /// `processDefinitionId` or `processDefinitionKey`.
    static func bulkTargets(_ body: JSON, pool: PostgresPool) async throws -> [String] {
        if let raw = body["processInstanceIds"], !raw.isNull {
            guard let items = raw.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw RESTError.invalidRequest("'processInstanceIds' must be an array of ids")
            }
            let ids = items.compactMap(\.stringValue)
            for id in ids where try await ProcessInstanceRecord.find(id, pool: pool) == nil { throw notFound(id) }
            return ids.map { $0.lowercased() }
        }
        let condition: String
        let value: String
        if let id = body["processDefinitionId"]?.stringValue {
            (condition, value) = ("definition_id = $1", id)
        } else if let key = body["processDefinitionKey"]?.stringValue {
            // Through the definitions of that key: process_instances has no index on the key (migration 0015).
            (condition, value) = ("definition_id IN (SELECT d.id FROM process_definitions d WHERE d.key = $1)", key)
        } else {
            throw RESTError.invalidRequest(
                "Either processInstanceIds, processDefinitionId or processDefinitionKey should be set")
        }
        return try await pool.withConnection { connection in
            try connection.query(
                "SELECT id::text AS id FROM process_instances WHERE \(condition) AND state = 'active' ORDER BY id",
                [.text(value)]
            ).rows.map { try $0.decode("id") }
        }
    }
}

/// What Baton supports of `POST /process-instance/{id}/modification`: the core cannot move tokens, so the only
/// supported instruction is `cancel` of the whole instance (`activityInstanceId` = the instance id, or
/// `activityId` = the process id or the definition id), which ends it like `DELETE /process-instance/{id}`.
enum ProcessInstanceModification {
    static func validate(_ instructions: [JSON], instance: ProcessInstanceRecord) throws(RESTError) {
        for (index, instruction) in instructions.enumerated() {
            let type = instruction["type"]?.stringValue ?? ""
            guard type == "cancel" else {
                throw .invalidRequest(
                    "Instruction \(index) ('\(type)') is not supported: Baton cannot modify process instances, only "
                        + "cancel them as a whole (type cancel with the process instance's activityInstanceId)")
            }
            let activityInstance = instruction["activityInstanceId"]?.stringValue
            let activity = instruction["activityId"]?.stringValue
            let whole =
                activityInstance?.lowercased() == instance.id
                || activity == instance.definitionKey || activity == instance.definitionID
            guard whole else {
                throw .invalidRequest(
                    "Instruction \(index) (cancel \(activityInstance ?? activity ?? "nothing")) is not supported: "
                        + "Baton can cancel only the whole process instance (activityInstanceId \(instance.id))")
            }
        }
    }
}
