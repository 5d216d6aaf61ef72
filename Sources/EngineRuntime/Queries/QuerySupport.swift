import Expressions
import PostgresClient

/// One sort criterion of a list query: a key the query defines, and the direction.
public struct QuerySorting<Key: Sendable & Hashable>: Sendable, Hashable {
    /// What to sort by.
    public var key: Key
    /// Ascending (true) or descending.
    public var ascending: Bool

    /// Creates a criterion.
    public init(_ key: Key, ascending: Bool = true) {
        self.key = key
        self.ascending = ascending
    }
}

/// Paging of a list query (Camunda's `firstResult` and `maxResults`; no limit by default).
public struct QueryPage: Sendable, Hashable {
    /// How many rows to skip (0-based).
    public var firstResult: Int
    /// The most rows to return; nil for all.
    public var maxResults: Int?

    /// Everything.
    public static let all = QueryPage()

    /// Creates a page; negative values are refused by `validate()`.
    public init(firstResult: Int = 0, maxResults: Int? = nil) {
        self.firstResult = firstResult
        self.maxResults = maxResults
    }

    func validate() throws {
        guard firstResult >= 0 else {
            throw EngineError.rejected("firstResult must be 0 or more, not \(firstResult)")
        }
        if let maxResults, maxResults < 0 {
            throw EngineError.rejected("maxResults must be 0 or more, not \(maxResults)")
        }
    }
}

/// Builds a `WHERE` clause with bind parameters for the list queries.
struct QueryConditions {
    private(set) var parameters: [PostgresValue] = []
    private(set) var conditions: [String] = []

    /// Adds a parameter; returns its placeholder (`$n`).
    mutating func bind(_ value: PostgresValue) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    /// Adds a condition as it is.
    mutating func add(_ condition: String) { conditions.append(condition) }

    /// Adds `column = value` when the value is given.
    mutating func equal(_ column: String, _ value: String?, cast: String = "") {
        guard let value else { return }
        add("\(column) = \(bind(.text(value)))\(cast)")
    }

    /// Adds `column = ANY(values)` when the values are given (an empty list matches nothing).
    mutating func any(_ column: String, _ values: [String]?, cast: String = "::text[]") {
        guard let values else { return }
        add("\(column) = ANY(\(bind(.textArray(values)))\(cast))")
    }

    /// `WHERE …` or nothing.
    var whereClause: String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    /// `ORDER BY …` (with the tie-breaker last) and the page's `LIMIT`/`OFFSET`.
    mutating func tail(order: [String], tieBreaker: String, page: QueryPage) -> String {
        var text = "ORDER BY " + (order + [tieBreaker]).joined(separator: ", ")
        if let maxResults = page.maxResults { text += " LIMIT \(bind(.int(maxResults)))" }
        if page.firstResult > 0 { text += " OFFSET \(bind(.int(page.firstResult)))" }
        return text
    }
}

extension DateTime {
    /// A date read as epoch milliseconds from a query (`… AS x_ms`).
    static func fromMilliseconds(_ milliseconds: Int64?) -> DateTime? {
        milliseconds.map { DateTime(epochMilliseconds: $0, offsetSeconds: 0) }
    }
}

/// `(extract(epoch FROM column) * 1000)::int8`, for reading dates.
func epochMilliseconds(_ column: String) -> String {
    "(extract(epoch FROM \(column)) * 1000)::int8"
}
