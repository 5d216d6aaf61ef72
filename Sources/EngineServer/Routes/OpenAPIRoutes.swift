/// `GET /engine-rest/openapi.json`: an OpenAPI 3 document built from the routes actually registered.
enum OpenAPIRoutes {
    /// Registers the route.
    static func register(on api: APIRouter) {
        api.add(.get, "/openapi.json", tag: "Engine", summary: "This OpenAPI document", access: .open) { [catalog = api.catalog] _ in
            .json(OpenAPIDocument.build(catalog.routes))
        }
    }
}

/// Builds the OpenAPI 3.0 document of a route list.
public enum OpenAPIDocument {
    /// The document.
    public static func build(_ routes: [RouteSpec]) -> JSON {
        var paths: [(String, [(String, JSON)])] = []
        for route in routes {
            let fullPath = route.tag == "Metrics" ? route.path : APIRouter.base + route.path
            let parameters: [JSON] = route.parameterNames.map { name in
                .object([
                    ("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
                    ("schema", .object([("type", .string("string"))])),
                ])
            }
            var headerParameters: [JSON] = []
            if route.idempotent {
                headerParameters.append(
                    .object([
                        ("name", .string("Idempotency-Key")), ("in", .string("header")), ("required", .bool(false)),
                        ("description", .string("Repeats with the same key and body return the first response")),
                        ("schema", .object([("type", .string("string"))])),
                    ]))
            }
            var responses: [(String, JSON)] = [
                ("default", .object([
                    ("description", .string("Camunda error body")),
                    ("content", .object([("application/json", .object([
                        ("schema", .object([("$ref", .string("#/components/schemas/Error"))]))
                    ]))])),
                ]))
            ]
            responses.insert(("2XX", .object([("description", .string("Success"))])), at: 0)
            if !route.access.isOpen {
                responses.append(("401", .object([("description", .string("Not authenticated"))])))
                responses.append(("403", .object([("description", .string("Not allowed for your roles"))])))
            }
            var operation: [(String, JSON)] = [
                ("operationId", .string(operationID(route))),
                ("summary", .string(route.summary)),
                ("tags", .array([.string(route.tag)])),
                ("x-baton-roles", .array(route.access.roleNames.map { .string($0) })),
                ("parameters", .array(parameters + headerParameters)),
                ("responses", .object(responses)),
            ]
            if route.access.isOpen { operation.append(("security", .array([]))) }
            let method = route.method.rawValue.lowercased()
            if let index = paths.firstIndex(where: { $0.0 == fullPath }) {
                paths[index].1.append((method, .object(operation)))
            } else {
                paths.append((fullPath, [(method, .object(operation))]))
            }
        }
        let errorSchema: JSON = .object([
            ("type", .string("object")),
            ("properties", .object([
                ("type", .object([("type", .string("string"))])),
                ("message", .object([("type", .string("string"))])),
                ("code", .object([("type", .string("integer"))])),
            ])),
        ])
        return .object([
            ("openapi", .string("3.0.3")),
            ("info", .object([
                ("title", .string("Baton engine-rest (Camunda 7 compatible)")),
                ("version", .string(EngineRoutes.camundaVersion)),
            ])),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
            ("components", .object([
                ("schemas", .object([("Error", errorSchema)])),
                ("securitySchemes", .object([
                    ("basic", .object([("type", .string("http")), ("scheme", .string("basic"))])),
                    ("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))])),
                ])),
            ])),
            ("security", .array([.object([("basic", .array([]))]), .object([("bearer", .array([]))])])),
        ])
    }

    static func operationID(_ route: RouteSpec) -> String {
        let words = route.path.split(whereSeparator: { "/-{}.".contains($0) }).map { word in
            word.prefix(1).uppercased() + word.dropFirst()
        }
        return route.method.rawValue.lowercased() + words.joined()
    }
}
