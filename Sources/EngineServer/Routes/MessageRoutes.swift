import EngineRuntime
import Expressions

/// Message correlation and signals (contract §2.7).
enum MessageRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        api.add(
            .post, "/message", tag: "Message",
            summary: "Correlates a message to waiting instances or message start events", access: .messages,
            idempotent: true
        ) { request in
            let body = try request.jsonObject()
            guard let name = try BodyFields.string(body, "messageName"), !name.isEmpty else {
                throw RESTError.invalidRequest("No message name supplied")
            }
            for field in ["localCorrelationKeys", "processVariablesLocal", "processVariablesToTriggeredScope"] {
                guard try VariableCodec.values(body[field], field: field).isEmpty else {
                    throw RESTError.invalidRequest(
                        "'\(field)' is not supported by Baton: use 'correlationKeys' and 'processVariables'")
                }
            }
            var correlation = MessageCorrelation(
                messageName: name, businessKey: try BodyFields.string(body, "businessKey"),
                processInstanceID: try BodyFields.string(body, "processInstanceId"),
                correlationKeys: try VariableCodec.values(body["correlationKeys"], field: "correlationKeys"),
                variables: try VariableCodec.values(body["processVariables"], field: "processVariables"),
                all: try BodyFields.bool(body, "all") ?? false)
            correlation.variablesInResult = try BodyFields.bool(body, "variablesInResultEnabled") ?? false
            let resultEnabled = try BodyFields.bool(body, "resultEnabled") ?? false
            let results: [MessageCorrelationResult]
            if try BodyFields.string(body, "tenantId") != nil {
                // Baton has no tenants: nothing belongs to one.
                guard correlation.all else {
                    throw RESTError.rest(
                        .badRequest,
                        "Cannot correlate message '\(name)': No process definition or execution matches the parameters")
                }
                results = []
            } else {
                results = try await engine.correlate(correlation, origin: request.origin)
            }
            guard resultEnabled else { return .noContent }
            var answers: [JSON] = []
            for found in results {
                let masker =
                    correlation.variablesInResult
                    ? try await VariableMasker.make(request, engine: engine, definitionID: found.instance.definitionID)
                    : nil
                answers.append(result(of: found, variables: correlation.variablesInResult, masker: masker))
            }
            return .json(.array(answers))
        }

        api.add(
            .post, "/signal", tag: "Signal", summary: "Broadcasts a signal to waiting instances and start events",
            access: .messages
        ) { request in
            let body = try request.jsonObject()
            guard let name = try BodyFields.string(body, "name"), !name.isEmpty else {
                throw RESTError.invalidRequest("No signal name given")
            }
            if try BodyFields.string(body, "executionId") != nil {
                throw RESTError.invalidRequest(
                    "Baton broadcasts signals to every waiting instance; delivering to one 'executionId' "
                        + "is not supported")
            }
            let variables = try VariableCodec.values(body["variables"])
            if try BodyFields.string(body, "tenantId") == nil {
                try await engine.broadcastSignal(name, variables: variables, origin: request.origin)
            }
            return .noContent
        }
    }

    /// Camunda's `MessageCorrelationResultWithVariableDto`.
    static func result(of result: MessageCorrelationResult, variables: Bool, masker: VariableMasker? = nil) -> JSON {
        let instance = result.instance
        let ended = instance.state != "active"
        var pairs: [(String, JSON)] = [("resultType", .string(result.kind.rawValue))]
        switch result.kind {
        case .execution:
            pairs.append(("processInstance", .null))
            pairs.append((
                "execution",
                .object([
                    ("id", .string(instance.id)), ("processInstanceId", .string(instance.id)), ("ended", .bool(ended)),
                    ("tenantId", .null),
                ])
            ))
        case .processDefinition:
            pairs.append((
                "processInstance",
                .object([
                    ("links", .array([])), ("id", .string(instance.id)),
                    ("definitionId", .string(instance.definitionID)),
                    ("definitionKey", .string(instance.definitionKey)), ("businessKey", .string(instance.businessKey)),
                    ("caseInstanceId", .null), ("ended", .bool(ended)), ("suspended", .bool(false)),
                    ("tenantId", .null),
                ])
            ))
            pairs.append(("execution", .null))
        }
        if variables {
            let values = result.variables ?? [:]
            pairs.append(("variables", masker?.dtoMap(values) ?? VariableCodec.dtoMap(values)))
        }
        return .object(pairs)
    }
}
