import Expressions
import Foundation
import PostgresClient

/// Which slice of a result list to return: `firstResult` (0-based) and at most `maxResults` rows. Nil means from the
/// start and no limit, as in Camunda.
public struct HistoryPage: Sendable, Hashable {
    /// The index of the first row to return.
    public var firstResult: Int?
    /// The most rows to return.
    public var maxResults: Int?

    /// Creates a page.
    public init(firstResult: Int? = nil, maxResults: Int? = nil) {
        self.firstResult = firstResult
        self.maxResults = maxResults
    }

    /// Everything.
    public static let all = HistoryPage()
}

/// One sorting criterion of a history query.
public struct HistorySort<Key: Sendable & Hashable>: Sendable, Hashable {
    /// What to sort by.
    public var key: Key
    /// Ascending (`asc`) or descending (`desc`).
    public var ascending: Bool

    /// Creates a criterion.
    public init(_ key: Key, ascending: Bool = true) {
        self.key = key
        self.ascending = ascending
    }
}

/// Why a history query or operation was refused. Nothing was changed.
public enum HistoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A filter value is invalid (what, where, why).
    case invalidFilter(String)
    /// The historic entity does not exist.
    case notFound(String)
    /// The operation is not possible in the entity's state (e.g. deleting the history of a running instance).
    case rejected(String)
    /// The operation is not available yet (e.g. deleting history before history cleanup exists).
    case unsupported(String)

    /// The message.
    public var description: String {
        switch self {
        case .invalidFilter(let message), .notFound(let message), .rejected(let message), .unsupported(let message):
            message
        }
    }
}

/// Builds the WHERE clause of a history query with bound parameters (`$n`); values never go into SQL text.
struct HistoryFilterBuilder {
    private(set) var parameters: [PostgresValue]
    private(set) var conditions: [String] = []

    init(parameters: [PostgresValue] = []) { self.parameters = parameters }

    /// Binds a value and returns its placeholder.
    mutating func bind(_ value: PostgresValue) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    /// Adds a condition.
    mutating func add(_ condition: String) { conditions.append(condition) }

    /// `column = value` when the value is given.
    mutating func equal(_ column: String, _ value: String?) {
        guard let value else { return }
        add("\(column) = \(bind(.text(value)))")
    }

    /// `column = ANY(values)` when the list is given (an empty list matches nothing).
    mutating func anyOf(_ column: String, _ values: [String]?) {
        guard let values else { return }
        add("\(column) = ANY(\(bind(.textArray(values)))::text[])")
    }

    /// `column LIKE pattern` (Camunda's `…Like` filters take `%` and `_` wildcards as given).
    mutating func like(_ column: String, _ pattern: String?) {
        guard let pattern else { return }
        add("\(column) LIKE \(bind(.text(pattern)))")
    }

    /// `column < / > time` for the before/after filters.
    mutating func time(_ column: String, before: DateTime?, after: DateTime?) {
        if let before { add("\(column) < \(bind(.text(before.iso8601)))::timestamptz") }
        if let after { add("\(column) > \(bind(.text(after.iso8601)))::timestamptz") }
    }

    /// `column = ANY(ids)` for process instance ids (`true` when nil; ids that are no UUID match nothing).
    mutating func instances(_ column: String, _ ids: [String]?) -> String {
        guard let ids else { return "true" }
        let valid = ids.compactMap(HistoryIDs.canonicalUUID)
        return valid.isEmpty ? "false" : "\(column) = ANY(\(bind(.textArray(valid)))::uuid[])"
    }

    /// A condition only when the flag is true.
    mutating func when(_ flag: Bool?, _ condition: String) {
        if flag == true { add(condition) }
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// `ORDER BY … LIMIT … OFFSET …` from sort columns (already validated keys) and a page, with tie-breaking
    /// columns (comma-separated) so that paging is stable.
    func tail(order: [(column: String, ascending: Bool)], tieBreaker: String, page: HistoryPage) throws -> String {
        var parts = order.map {
            "\($0.column) \($0.ascending ? "ASC" : "DESC") NULLS \($0.ascending ? "FIRST" : "LAST")"
        }
        // Ties follow the direction of the first criterion (newest first stays newest first).
        let direction = order.first?.ascending == false ? " DESC" : ""
        parts += tieBreaker.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) + direction }
        var text = "ORDER BY " + parts.joined(separator: ", ")
        if let first = page.firstResult {
            guard first >= 0 else { throw HistoryError.invalidFilter("firstResult must be 0 or more, not \(first)") }
            text += " OFFSET \(first)"
        }
        if let max = page.maxResults {
            guard max >= 0 else { throw HistoryError.invalidFilter("maxResults must be 0 or more, not \(max)") }
            text += " LIMIT \(max)"
        }
        return text
    }
}

extension PostgresRow {
    /// A timestamp column selected as epoch milliseconds (`…_ms`), as a date-time in UTC.
    func time(_ column: String) throws -> DateTime? {
        guard let millis = try decode(column, as: Int64?.self) else { return nil }
        return DateTime(epochMilliseconds: millis, offsetSeconds: 0)
    }

    /// A required timestamp column selected as epoch milliseconds.
    func requiredTime(_ column: String) throws -> DateTime {
        guard let time = try time(column) else {
            throw EngineError.corruptState("a history row has no '\(column)'")
        }
        return time
    }
}

/// SQL fragments shared by the history queries.
enum HistorySQL {
    /// Epoch milliseconds of a timestamp expression.
    static func millis(_ expression: String) -> String { "(extract(epoch FROM \(expression)) * 1000)::int8" }

    /// The process instance id of the root of a call hierarchy (the instance itself when it was not called). The
    /// walk up the callers only runs for called instances (a CASE branch is evaluated only when taken).
    static func rootInstance(_ instance: String) -> String {
        """
        (CASE WHEN NOT EXISTS (SELECT 1 FROM process_instances c WHERE c.id = \(instance)
                AND c.super_instance_id IS NOT NULL) THEN \(instance)::text
         ELSE (WITH RECURSIVE up(id, super) AS (
            SELECT r.id, r.super_instance_id FROM process_instances r WHERE r.id = \(instance)
            UNION ALL SELECT s.id, s.super_instance_id FROM process_instances s JOIN up ON s.id = up.super)
         SELECT up.id::text FROM up WHERE up.super IS NULL LIMIT 1) END)
        """
    }
}
