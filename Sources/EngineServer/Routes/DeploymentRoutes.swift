import EngineRuntime
import Expressions
import HTTPTypes
import PostgresClient

/// The Deployment endpoints of the Camunda REST API (contract §2.2).
enum DeploymentRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        let pool = engine.pool

        api.add(
            .post, "/deployment/create", tag: "Deployment", summary: "Deploy BPMN resources (multipart/form-data)",
            access: .deploy
        ) { request in
            let boundary = try MultipartParser.boundary(contentType: request.headers[.contentType])
            let form = try DeploymentForm(parts: try MultipartParser.parse(request.body, boundary: boundary))
            if let activation = form.activationTime, activation.epochMilliseconds > engine.clock.now().epochMilliseconds
            {
                throw RESTError.invalidRequest(
                    "Baton cannot activate a deployment later: 'deployment-activation-time' must not be in the future")
            }
            let result = try await engine.deploy(
                name: form.name, resources: form.resources, source: form.source, deployedBy: request.principal?.userID,
                filter: form.filter)
            guard let deployment = try await DeploymentRecord.find(result.id, pool: pool) else {
                throw RESTError.engineFailure("Deployment \(result.id) vanished right after it was made")
            }
            let definitions = result.isNew ? try await ProcessDefinitionRecord.ofDeployment(result.id, pool: pool) : nil
            return .json(deployment.createdJSON(definitions: definitions))
        }

        api.add(.get, "/deployment", tag: "Deployment", summary: "Deployments", access: .readDefinitions) { request in
            .json(.array(try await DeploymentQuery.list(request, pool: pool).map(\.json)))
        }
        api.add(.get, "/deployment/count", tag: "Deployment", summary: "Count deployments", access: .readDefinitions) {
            request in
            .count(try await DeploymentQuery.count(request, pool: pool))
        }
        api.add(.get, "/deployment/{id}", tag: "Deployment", summary: "A deployment", access: .readDefinitions) {
            request in
            .json(try await deployment(request.parameter("id"), pool: pool).json)
        }
        api.add(
            .get, "/deployment/{id}/resources", tag: "Deployment", summary: "The resources of a deployment",
            access: .readDefinitions
        ) { request in
            let id = request.parameter("id")
            _ = try await deployment(id, pool: pool)
            let names: [String] = try await pool.withConnection { connection in
                try connection.query("SELECT name FROM resources WHERE deployment_id = $1 ORDER BY name", [.text(id)])
                    .rows.map { try $0.decode("name") }
            }
            return .json(.array(names.map { resourceJSON(deploymentID: id, name: $0) }))
        }
        api.add(
            .get, "/deployment/{id}/resources/{resourceId}", tag: "Deployment", summary: "One resource of a deployment",
            access: .readDefinitions
        ) { request in
            let (id, name) = try await resource(request, pool: pool)
            return .json(resourceJSON(deploymentID: id, name: name))
        }
        api.add(
            .get, "/deployment/{id}/resources/{resourceId}/data", tag: "Deployment",
            summary: "The bytes of a deployment resource", access: .readDefinitions
        ) { request in
            let (id, name) = try await resource(request, pool: pool)
            let content: [UInt8] = try await pool.withConnection { connection in
                try connection.query(
                    "SELECT content FROM resources WHERE deployment_id = $1 AND name = $2", [.text(id), .text(name)]
                ).rows.first?.decode("content") ?? []
            }
            let type =
                name.hasSuffix(".bpmn") || name.hasSuffix(".xml") || name.hasSuffix(".dmn")
                ? "application/xml" : (name.hasSuffix(".json") ? "application/json" : "application/octet-stream")
            var response = APIResponse.bytes(content, contentType: type)
            response.headers[.contentDisposition] = "attachment; filename=\"\(name.split(separator: "/").last ?? "")\""
            return response
        }
        api.add(
            .delete, "/deployment/{id}", tag: "Deployment",
            summary: "Delete a deployment (cascade: with its process instances)", access: .deploy
        ) { request in
            let id = request.parameter("id")
            let cascade = request.query.first("cascade") == "true"
            do {
                try await engine.deleteDeployment(id, cascade: cascade, origin: request.origin)
            } catch EngineError.notFound {
                throw RESTError.notFound("Deployment with id '\(id)' does not exist")
            } catch EngineError.rejected(let message) {
                throw RESTError.engineFailure(capitalized(message))
            }
            return .noContent
        }
    }

    static func deployment(_ id: String, pool: PostgresPool) async throws -> DeploymentRecord {
        guard let deployment = try await DeploymentRecord.find(id, pool: pool) else {
            throw RESTError.notFound("Deployment with id '\(id)' does not exist")
        }
        return deployment
    }

    /// A resource's id is its name (Camunda uses a generated id; Baton's resources are keyed by deployment and
    /// name, so the name, URL-encoded in paths, is the id).
    static func resourceJSON(deploymentID: String, name: String) -> JSON {
        .object([("id", .string(name)), ("name", .string(name)), ("deploymentId", .string(deploymentID))])
    }

    private static func resource(_ request: APIRequest, pool: PostgresPool) async throws -> (String, String) {
        let id = request.parameter("id")
        let name = percentDecoded(request.parameter("resourceId"))
        _ = try await deployment(id, pool: pool)
        let exists: Bool = try await pool.withConnection { connection in
            !(try connection.query(
                "SELECT 1 FROM resources WHERE deployment_id = $1 AND name = $2", [.text(id), .text(name)]
            ).rows.isEmpty)
        }
        guard exists else {
            throw RESTError.notFound(
                "Deployment resource with resource id '\(name)' for deployment id '\(id)' does not exist")
        }
        return (id, name)
    }

    /// A path segment with `%XX` escapes decoded (a `+` stays a `+`: this is a path, not a form).
    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func capitalized(_ message: String) -> String {
        guard let first = message.first else { return message }
        return first.uppercased() + message.dropFirst()
    }
}
