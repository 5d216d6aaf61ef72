import BPMN
import EngineCore
import EngineRuntime
import Expressions
import PostgresClient

/// The ProcessDefinition endpoints of the Camunda REST API (contract §2.3). Baton has no tenants: the
/// `…/tenant-id/{tenantId}` paths find nothing (404), as no definition has a tenant id.
enum ProcessDefinitionRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        let pool = engine.pool
        let read = Access.readDefinitions
        let tag = "ProcessDefinition"

        api.add(.get, "/process-definition", tag: tag, summary: "Process definitions", access: read) { request in
            .json(.array(try await ProcessDefinitionQuery.list(request, pool: pool).map(\.json)))
        }
        api.add(.get, "/process-definition/count", tag: tag, summary: "Count process definitions", access: read) {
            request in
            .count(try await ProcessDefinitionQuery.count(request, pool: pool))
        }

        // Lookups: by id, by key (latest version), by key and tenant (never found).
        let lookups: [(String, @Sendable (APIRequest) async throws -> ProcessDefinitionRecord)] = [
            ("/process-definition/{id}", { request in try await byID(request.parameter("id"), pool: pool) }),
            ("/process-definition/key/{key}", { request in try await byKey(request.parameter("key"), pool: pool) }),
            (
                "/process-definition/key/{key}/tenant-id/{tenantId}",
                { request in
                    throw RESTError.notFound(
                        "No matching process definition with key: \(request.parameter("key")) and tenant-id: "
                            + "\(request.parameter("tenantId")) (Baton has no tenants)")
                }
            ),
        ]
        for (path, lookup) in lookups {
            api.add(.get, path, tag: tag, summary: "A process definition", access: read) { request in
                .json(try await lookup(request).json)
            }
            api.add(.get, path + "/xml", tag: tag, summary: "The BPMN XML of a process definition", access: read) {
                request in
                let definition = try await lookup(request)
                let xml = try await ProcessDefinitionRecord.xml(id: definition.id, pool: pool)
                return .json(.object([("id", .string(definition.id)), ("bpmn20Xml", .string(xml))]))
            }
            api.add(
                .post, path + "/start", tag: tag, summary: "Start a process instance", access: .startInstances,
                idempotent: true
            ) { request in
                // By key, the engine resolves the latest version inside the start transaction (one round trip less).
                if path == "/process-definition/key/{key}" {
                    return try await start(request, key: request.parameter("key"), engine: engine, form: false)
                }
                return try await start(request, definition: try await lookup(request), engine: engine, form: false)
            }
            api.add(
                .post, path + "/submit-form", tag: tag, summary: "Start a process instance with form variables",
                access: .startInstances, idempotent: true
            ) { request in
                if path == "/process-definition/key/{key}" {
                    return try await start(request, key: request.parameter("key"), engine: engine, form: true)
                }
                return try await start(request, definition: try await lookup(request), engine: engine, form: true)
            }
        }

        let suspend = Access.admin("ProcessDefinition", "SUSPEND")
        api.add(
            .put, "/process-definition/{id}/suspended", tag: tag,
            summary: "Suspend or activate a process definition", access: suspend
        ) { request in
            let definition = try await byID(request.parameter("id"), pool: pool)
            try await setSuspended(request, ids: [definition.id], engine: engine)
            return .noContent
        }
        api.add(
            .put, "/process-definition/key/{key}/suspended", tag: tag,
            summary: "Suspend or activate every version of a key", access: suspend
        ) { request in
            try await setSuspended(
                request, ids: try await ids(key: request.parameter("key"), pool: pool), engine: engine)
            return .noContent
        }
        api.add(
            .put, "/process-definition/suspended", tag: tag,
            summary: "Suspend or activate process definitions by id or key", access: suspend
        ) { request in
            let body = try request.jsonObject()
            let ids: [String]
            if let id = body["processDefinitionId"]?.stringValue {
                ids = [try await byID(id, pool: pool).id]
            } else if let key = body["processDefinitionKey"]?.stringValue {
                ids = try await self.ids(key: key, pool: pool)
            } else {
                throw RESTError.invalidRequest("Either processDefinitionId or processDefinitionKey should be set")
            }
            try await setSuspended(request, ids: ids, engine: engine)
            return .noContent
        }

        api.add(
            .delete, "/process-definition/{id}", tag: tag,
            summary: "Delete a process definition (cascade: with its instances)", access: .deploy
        ) { request in
            let id = request.parameter("id")
            guard try await ProcessDefinitionRecord.find(id: id, pool: pool) != nil else {
                throw RESTError.notFound("No process definition found with id '\(id)'")
            }
            try await delete(request, ids: [id], engine: engine)
            return .noContent
        }
        api.add(
            .delete, "/process-definition/key/{key}", tag: tag,
            summary: "Delete every version of a key (cascade: with their instances)", access: .deploy
        ) { request in
            try await delete(request, ids: try await ids(key: request.parameter("key"), pool: pool), engine: engine)
            return .noContent
        }
    }

    static func byID(_ id: String, pool: PostgresPool) async throws -> ProcessDefinitionRecord {
        guard let definition = try await ProcessDefinitionRecord.find(id: id, pool: pool) else {
            throw RESTError.notFound("No matching definition with id \(id)")
        }
        return definition
    }

    static func byKey(_ key: String, pool: PostgresPool) async throws -> ProcessDefinitionRecord {
        guard let definition = try await ProcessDefinitionRecord.latest(key: key, pool: pool) else {
            throw RESTError.notFound("No matching process definition with key: \(key) and no tenant-id")
        }
        return definition
    }

    static func ids(key: String, pool: PostgresPool) async throws -> [String] {
        let ids: [String] = try await pool.withConnection { connection in
            try connection.query("SELECT id FROM process_definitions WHERE key = $1 ORDER BY version", [.text(key)])
                .rows.map { try $0.decode("id") }
        }
        guard !ids.isEmpty else {
            throw RESTError.notFound("No matching process definition with key: \(key) and no tenant-id")
        }
        return ids
    }

    /// `POST …/start` and `…/submit-form`: the synchronous part runs in the request; an engine failure there is
    /// a 500 `RestException` "Cannot instantiate process definition <id>: …" (as Camunda), bad input a 400.
    /// Start by key: without start instructions the engine picks the latest version in the start transaction;
    /// its refusals are answered as the lookup would (404 unknown key, 500 suspended).
    static func start(_ request: APIRequest, key: String, engine: Engine, form: Bool) async throws -> APIResponse {
        let body = try request.jsonObject()
        if let instructions = body["startInstructions"]?.arrayValue, !instructions.isEmpty {
            return try await start(request, definition: try await byKey(key, pool: engine.pool), engine: engine, form: form)
        }
        let variables = try VariableCodec.values(body["variables"])
        let businessKey: String?
        switch body["businessKey"] {
        case nil, .null?: businessKey = nil
        case .string(let text)?: businessKey = text
        case let other?: throw RESTError.invalidRequest("'businessKey' must be a string, not \(other.kindDescription)")
        }
        let summary: InstanceSummary
        do {
            summary = try await engine.startInstance(
                key: key, variables: variables, businessKey: businessKey, origin: request.origin)
        } catch let error as EngineError {
            switch error {
            case .notFound:
                // The same answer as the lookup gives for an unknown key.
                _ = try await byKey(key, pool: engine.pool)
                throw error
            case .conflict, .storage: throw error
            default:
                throw RESTError.rest(
                    .internalServerError,
                    "Cannot instantiate process definition \(key): " + DeploymentRoutes.capitalized(error.description))
            }
        }
        var returned: JSON?
        if !form && (body["withVariablesInReturn"]?.boolValue ?? false) {
            let state = try await ProcessInstanceRecord.state(summary.id, pool: engine.pool)
            let masker = try await VariableMasker.make(request, engine: engine, definitionID: state?.definitionID)
            returned = masker.dtoMap(state?.state.processVariables ?? [:])
        }
        return .json(ProcessInstanceRecord(summary: summary).json(variables: returned))
    }

    static func start(_ request: APIRequest, definition: ProcessDefinitionRecord, engine: Engine, form: Bool)
        async throws -> APIResponse
    {
        let body = try request.jsonObject()
        var variables = try VariableCodec.values(body["variables"])
        let businessKey: String?
        switch body["businessKey"] {
        case nil, .null?: businessKey = nil
        case .string(let text)?: businessKey = text
        case let other?: throw RESTError.invalidRequest("'businessKey' must be a string, not \(other.kindDescription)")
        }
        let returnVariables = !form && (body["withVariablesInReturn"]?.boolValue ?? false)
        var startEvent: String?
        if !form, let instructions = body["startInstructions"], !instructions.isNull {
            guard let list = instructions.arrayValue else {
                throw RESTError.invalidRequest("'startInstructions' must be an array")
            }
            if !list.isEmpty {
                let process = try await engine.processModel(definitionID: definition.id)
                let (event, extra) = try startInstruction(list, process: process)
                startEvent = event
                variables.merge(extra) { _, instruction in instruction }
            }
        }
        let cannot = "Cannot instantiate process definition \(definition.id): "
        if definition.suspended {
            throw RESTError.rest(
                .internalServerError, cannot + "Process definition with id \(definition.id) is suspended")
        }
        let summary: InstanceSummary
        do {
            summary = try await engine.startInstance(
                definitionID: definition.id, variables: variables, businessKey: businessKey, startEvent: startEvent,
                origin: request.origin)
        } catch let error as EngineError {
            switch error {
            case .conflict, .storage: throw error
            default:
                throw RESTError.rest(.internalServerError, cannot + DeploymentRoutes.capitalized(error.description))
            }
        }
        var returned: JSON?
        if returnVariables {
            let state = try await ProcessInstanceRecord.state(summary.id, pool: engine.pool)
            let masker = try await VariableMasker.make(request, engine: engine, definitionID: state?.definitionID)
            returned = masker.dtoMap(state?.state.processVariables ?? [:])
        }
        return .json(ProcessInstanceRecord(summary: summary).json(variables: returned))
    }

    /// What Baton supports of `startInstructions`: one `startBeforeActivity` on a start event of the process (the
    /// instance starts there; the instruction's variables are set on the process). Anything else is a 400.
    static func startInstruction(_ list: [JSON], process: ExecutableProcess) throws(RESTError)
        -> (String, [String: Value])
    {
        guard list.count == 1, let instruction = list.first, instruction.objectValue != nil else {
            throw RESTError.invalidRequest(
                "Baton supports exactly one start instruction (startBeforeActivity on a start event); got \(list.count)"
            )
        }
        let type = instruction["type"]?.stringValue ?? ""
        guard type == "startBeforeActivity" else {
            throw RESTError.invalidRequest(
                "Start instruction type '\(type)' is not supported: Baton supports only startBeforeActivity on a "
                    + "start event of the process")
        }
        guard let activity = instruction["activityId"]?.stringValue else {
            throw RESTError.invalidRequest("The startBeforeActivity instruction needs an 'activityId'")
        }
        guard let node = process.nodeIndexByID[ElementID(activity)], process.nodes[0].startEvents.contains(node) else {
            throw RESTError.invalidRequest(
                "Cannot start before activity '\(activity)': Baton can start a process only at one of its start "
                    + "events (" + process.nodes[0].startEvents.map { process[$0].id.rawValue }.joined(separator: ", ")
                    + ")")
        }
        return (activity, try VariableCodec.values(instruction["variables"], field: "startInstructions[0].variables"))
    }

    static func setSuspended(_ request: APIRequest, ids: [String], engine: Engine) async throws {
        let body = try request.jsonObject()
        guard let suspended = body["suspended"]?.boolValue else {
            throw RESTError.invalidRequest("'suspended' must be true or false")
        }
        if let date = body["executionDate"], !date.isNull {
            guard let text = date.stringValue, let when = CamundaDate.parse(text) else {
                throw RESTError.invalidRequest("'executionDate' must be a date like 2025-10-06T16:34:42.000+0200")
            }
            if when.epochMilliseconds > engine.clock.now().epochMilliseconds {
                throw RESTError.invalidRequest(
                    "Baton cannot suspend or activate later: 'executionDate' must be null or not in the future")
            }
        }
        let include = body["includeProcessInstances"]?.boolValue ?? false
        try await engine.setDefinitionsSuspended(
            ids, suspended: suspended, includeInstances: include, origin: request.origin)
    }

    static func delete(_ request: APIRequest, ids: [String], engine: Engine) async throws {
        let cascade = request.query.first("cascade") == "true"
        do {
            try await engine.deleteProcessDefinitions(ids, cascade: cascade, origin: request.origin)
        } catch EngineError.notFound(let message) {
            throw RESTError.notFound(DeploymentRoutes.capitalized(message))
        } catch EngineError.rejected(let message) {
            throw RESTError.engineFailure(DeploymentRoutes.capitalized(message))
        }
    }
}
