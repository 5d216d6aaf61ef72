import EngineRuntime
import Expressions
import HTTPTypes

/// Shared plumbing of the `/history/…` routes: one family = GET and POST list, GET and POST count, and optionally
/// GET by id, all reading the same filters (query string on GET, JSON body on POST).
enum HistoryRouteSupport {
    /// Registers the list and count routes of one history entity.
    static func family<Query: Sendable, Row: Sendable>(
        on api: APIRouter, path: String, noun: String, sortKeys: [String],
        build: @escaping @Sendable (QueryFilters, [SortKey]) throws -> Query,
        list: @escaping @Sendable (Query, HistoryPage) async throws -> [Row],
        count: @escaping @Sendable (Query) async throws -> Int,
        dto: @escaping @Sendable (Row) -> JSON
    ) {
        family(
            on: api, path: path, noun: noun, sortKeys: sortKeys, build: build, list: list, count: count,
            valueDTO: { row, _ in dto(row) })
    }

    /// Registers the list and count routes of an entity with variable values; `valueDTO` gets the
    /// `deserializeValues` query parameter (default true).
    static func family<Query: Sendable, Row: Sendable>(
        on api: APIRouter, path: String, noun: String, sortKeys: [String],
        build: @escaping @Sendable (QueryFilters, [SortKey]) throws -> Query,
        list: @escaping @Sendable (Query, HistoryPage) async throws -> [Row],
        count: @escaping @Sendable (Query) async throws -> Int,
        valueDTO dto: @escaping @Sendable (Row, Bool) -> JSON
    ) {
        let allowed = Set(sortKeys)
        for method in [HTTPRequest.Method.get, .post] {
            let verb = method == .get ? "Lists" : "Queries"
            api.add(method, path, tag: "History", summary: "\(verb) \(noun)", access: .history) { request in
                try await mapped {
                    let query = try build(try request.filters(), try request.sorting(allowed: allowed))
                    let paging = try request.paging()
                    let deserialize = try QueryFilters(query: request.query).bool("deserializeValues") ?? true
                    let rows = try await list(
                        query, HistoryPage(firstResult: paging.firstResult, maxResults: paging.maxResults))
                    return .json(.array(rows.map { dto($0, deserialize) }))
                }
            }
            api.add(method, path + "/count", tag: "History", summary: "Counts \(noun)", access: .history) { request in
                try await mapped {
                    .count(try await count(try build(try request.filters(), [])))
                }
            }
        }
    }

    /// Registers `GET path/{id}`.
    static func single<Row: Sendable>(
        on api: APIRouter, path: String, noun: String, find: @escaping @Sendable (String) async throws -> Row,
        dto: @escaping @Sendable (Row) -> JSON
    ) {
        api.add(.get, path + "/{id}", tag: "History", summary: "One \(noun)", access: .history) { request in
            try await mapped { .json(dto(try await find(request.parameter("id")))) }
        }
    }

    /// Runs a handler body, answering `HistoryError`s with Camunda's error bodies.
    static func mapped(_ body: () async throws -> APIResponse) async throws -> APIResponse {
        do {
            return try await body()
        } catch let error as HistoryError {
            throw error.restError
        }
    }

    /// The sort criteria for a query's sort key type (keys were validated against `allCases`).
    static func sorts<Key: RawRepresentable & CaseIterable & Sendable & Hashable>(
        _ keys: [SortKey], as type: Key.Type
    ) -> [HistorySort<Key>] where Key.RawValue == String {
        keys.compactMap { key in Key(rawValue: key.by).map { HistorySort($0, ascending: key.ascending) } }
    }

    /// The `sortBy` values of a sort key type.
    static func names<Key: RawRepresentable & CaseIterable>(_ type: Key.Type) -> [String] where Key.RawValue == String {
        Key.allCases.map(\.rawValue)
    }
}

extension HistoryError {
    /// The Camunda error a history error is answered with.
    var restError: RESTError {
        switch self {
        case .invalidFilter(let message): .invalidRequest(message)
        case .notFound(let message): .notFound(message)
        case .rejected(let message): .badUserRequest(message)
        case .unsupported(let message): .rest(.notImplemented, message)
        }
    }
}

extension QueryFilters {
    /// A variable value filter: typed JSON on POST; on GET the text, read as a boolean or integer when it is one
    /// (Camunda's query strings carry no type).
    func variableValue(_ name: String) throws(RESTError) -> Value? {
        if let raw = raw(name) {
            return raw.isNull ? nil : VariableCodec.value(raw)
        }
        guard let text = try string(name) else { return nil }
        return Self.typed(text)
    }

    /// Variable conditions: `name_op_value,…` on GET (names and values without `_` or `,`), an array of
    /// `{"name", "operator", "value"}` on POST (contract §1.7).
    func variableConditions(_ name: String) throws(RESTError) -> [HistoryVariableCondition] {
        func condition(_ variable: String, _ op: String, _ value: Value) throws(RESTError) -> HistoryVariableCondition {
            guard let parsed = HistoryVariableCondition.Operator(rawValue: op) else {
                throw .invalidRequest(
                    "Invalid variable comparator specified: \(op) (one of "
                        + HistoryVariableCondition.Operator.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            return HistoryVariableCondition(name: variable, op: parsed, value: value)
        }
        if let raw = raw(name) {
            guard !raw.isNull else { return [] }
            guard let items = raw.arrayValue else { throw .invalidRequest("'\(name)' must be an array") }
            var result: [HistoryVariableCondition] = []
            for item in items {
                guard let variable = item["name"]?.stringValue, let op = item["operator"]?.stringValue else {
                    throw .invalidRequest("A variable filter needs 'name' and 'operator'")
                }
                result.append(try condition(variable, op, VariableCodec.value(item["value"] ?? .null)))
            }
            return result
        }
        guard let items = try strings(name) else { return [] }
        var result: [HistoryVariableCondition] = []
        for item in items {
            let parts = item.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else {
                throw .invalidRequest("Invalid variable filter '\(item)': expected name_operator_value")
            }
            result.append(try condition(parts[0], parts[1], Self.typed(parts[2])))
        }
        return result
    }

    /// A query-string value with its type guessed: boolean, integer, decimal, else string.
    private static func typed(_ text: String) -> Value {
        if text == "true" || text == "false" { return .bool(text == "true") }
        if let number = Int(text) { return .integer(number) }
        if let number = Double(text), text.contains(".") { return .decimal(number) }
        return .string(text)
    }
}
