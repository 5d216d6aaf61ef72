import EngineRuntime
import HTTPTypes
import Logging

/// What a route handler gets: the parsed request, its path parameters, the caller, and helpers that turn bad input
/// into Camunda error bodies.
public struct APIRequest: Sendable {
    /// The method.
    public var method: HTTPRequest.Method
    /// The path as requested (with the `/engine-rest` prefix).
    public var path: String
    /// The query string.
    public var query: QueryString
    /// The headers.
    public var headers: HTTPFields
    /// The raw body.
    public var body: [UInt8]
    /// Path parameters by name (`{id}` → `id`).
    public var parameters: [String: String]
    /// The authenticated caller (nil on open routes without credentials).
    public var principal: Principal?
    /// The configured sensitive-variable patterns (`ServerConfiguration.sensitiveVariables`), for `VariableMasker`.
    public var sensitiveVariables: SensitiveVariables = .none
    /// The request id.
    public var requestID: String
    /// The request's logger (carries the request id).
    public var logger: Logger

    /// A path parameter; routes only ask for parameters their path declares.
    public func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// Who is recorded as the actor of the changes this request makes.
    public var origin: CommandOrigin { CommandOrigin(actor: principal?.userID) }

    /// The body as JSON. An empty body reads as `{}` (pycamunda sends `{}` on every request, and some clients send
    /// nothing on POSTs without parameters).
    public func json() throws(RESTError) -> JSON {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([]) }
        do {
            return try JSONParser.parse(body)
        } catch {
            throw .invalidRequest("The request body is not valid JSON: \(error)")
        }
    }

    /// The body as a JSON object (anything else → 400).
    public func jsonObject() throws(RESTError) -> JSON {
        let value = try json()
        guard value.objectValue != nil else {
            throw .invalidRequest("The request body must be a JSON object, not \(value.kindDescription)")
        }
        return value
    }

    /// The filters of a list query: from the query string on GET, from the JSON body on POST.
    public func filters() throws(RESTError) -> QueryFilters {
        method == .post ? QueryFilters(body: try jsonObject()) : QueryFilters(query: query)
    }

    /// `firstResult` and `maxResults` from the query string (also for POST queries).
    public func paging() throws(RESTError) -> Paging {
        func number(_ name: String) throws(RESTError) -> Int? {
            guard let text = query.first(name), !text.isEmpty else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw .invalidRequest("Cannot set query parameter '\(name)' to value '\(text)': not a number ≥ 0")
            }
            return value
        }
        return Paging(firstResult: try number("firstResult") ?? 0, maxResults: try number("maxResults"))
    }

    /// The sorting: `sortBy` + `sortOrder` on GET (both or neither), the `sorting` array on POST. Unknown keys → 400.
    public func sorting(allowed: Set<String>) throws(RESTError) -> [SortKey] {
        if method == .post, let sorting = try jsonObject()["sorting"], !sorting.isNull {
            guard let items = sorting.arrayValue else { throw .invalidRequest("'sorting' must be an array") }
            var keys: [SortKey] = []
            for item in items {
                guard let by = item["sortBy"]?.stringValue, let order = item["sortOrder"]?.stringValue else {
                    throw .invalidRequest("Only a single sorting parameter specified. sortBy and sortOrder required")
                }
                keys.append(try SortKey.validated(by: by, order: order, allowed: allowed))
            }
            return keys
        }
        let by = query.first("sortBy")
        let order = query.first("sortOrder")
        switch (by, order) {
        case (nil, nil): return []
        case (let by?, let order?): return [try SortKey.validated(by: by, order: order, allowed: allowed)]
        default: throw .invalidRequest("Only a single sorting parameter specified. sortBy and sortOrder required")
        }
    }
}

/// `firstResult`/`maxResults` (no default limit, as Camunda).
public struct Paging: Sendable, Hashable {
    /// 0-based index of the first result.
    public var firstResult: Int
    /// At most this many, or all.
    public var maxResults: Int?

    /// Applies the paging to an already sorted list.
    public func apply<T>(_ items: [T]) -> [T] {
        guard firstResult < items.count else { return [] }
        let end = maxResults.map { min(items.count, firstResult + $0) } ?? items.count
        return Array(items[firstResult..<end])
    }

    /// `LIMIT … OFFSET …` for SQL.
    public var sql: String {
        (maxResults.map { " LIMIT \($0)" } ?? "") + (firstResult > 0 ? " OFFSET \(firstResult)" : "")
    }
}

/// One sort criterion.
public struct SortKey: Sendable, Hashable {
    /// The Camunda `sortBy` name.
    public var by: String
    /// Ascending or descending.
    public var ascending: Bool

    static func validated(by: String, order: String, allowed: Set<String>) throws(RESTError) -> SortKey {
        guard allowed.contains(by) else {
            throw .invalidRequest("Cannot set query parameter 'sortBy' to value '\(by)'")
        }
        switch order {
        case "asc": return SortKey(by: by, ascending: true)
        case "desc": return SortKey(by: by, ascending: false)
        default: throw .invalidRequest("Cannot set query parameter 'sortOrder' to value '\(order)'")
        }
    }
}
