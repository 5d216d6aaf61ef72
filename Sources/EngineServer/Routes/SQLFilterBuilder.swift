import PostgresClient

/// Builds the `WHERE` and `ORDER BY` of a list query from REST filters: values are always bound as `$n`
/// parameters, never spliced into the SQL text.
final class SQLFilterBuilder: @unchecked Sendable {
    private(set) var parameters: [PostgresValue] = []
    private(set) var conditions: [String] = []

    /// Binds a value; returns its placeholder.
    func bind(_ value: PostgresValue) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    /// Adds a condition.
    func add(_ condition: String) { conditions.append(condition) }

    /// `column = $n` when the value is given.
    func equal(_ column: String, _ value: String?) {
        guard let value else { return }
        add("\(column) = \(bind(.text(value)))")
    }

    /// `column LIKE $n` when the pattern is given (Camunda passes `%` wildcards through).
    func like(_ column: String, _ pattern: String?) {
        guard let pattern else { return }
        add("\(column) LIKE \(bind(.text(pattern)))")
    }

    /// `column = ANY($n)` when the list is given and not empty (Camunda ignores empty lists).
    func any(_ column: String, _ values: [String]?) {
        guard let values, !values.isEmpty else { return }
        add("\(column) = ANY(\(bind(.textArray(values)))::text[])")
    }

    /// `WHERE …` or nothing.
    var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }

    /// `ORDER BY …` from sort keys mapped to columns (a nil column sorts by nothing, e.g. `tenantId`), then the
    /// tie-breakers.
    static func orderBy(_ keys: [SortKey], columns: [String: String?], then tieBreakers: [String]) -> String {
        var terms: [String] = []
        for key in keys {
            guard let column = columns[key.by] ?? nil else { continue }
            terms.append("\(column) \(key.ascending ? "ASC" : "DESC")")
        }
        return " ORDER BY " + (terms + tieBreakers).joined(separator: ", ")
    }
}

/// Ids and links of REST resources.
enum ResourceLinks {
    /// `[{method: GET, href: /engine-rest/<path>, rel: self}]` (contract §1.8; the href is relative to the server).
    static func selfLink(_ path: String) -> JSON {
        .array([
            .object([("method", .string("GET")), ("href", .string(APIRouter.base + path)), ("rel", .string("self"))])
        ])
    }

    /// Whether an id has the UUID form Baton uses for instances (so malformed ids answer 404, not a database error).
    static func isUUID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
                else { return false }
            }
        }
        return true
    }
}
