/// A statement with a multi-row `VALUES` list whose rows bind every value as a parameter, for the engine's small
/// multi-row writes (a step's history rows, its changed variables).
///
/// For a handful of rows a `VALUES` list costs the server much less than the same rows as column arrays expanded by
/// `unnest`: each array is a set-returning function the executor sets up and materializes on every execution, seven
/// of them for a history INSERT. Beyond `maximumRows` the writers use the arrays (one statement text for any count,
/// and a bounded number of parameters).
struct ValuesList: Sendable {
    /// The most rows written as a `VALUES` list.
    static let maximumRows = 16

    /// The statement for 1 … `maximumRows` rows, built once (the statements are `static let`s).
    private let texts: [String]

    /// `prefix` (`INSERT INTO … VALUES`), the rows, then `suffix` (an `ON CONFLICT` clause, or nothing). `columns`
    /// are each row's expressions, `?` standing for the row's next parameter (`"?::json"`, or `"$2::timestamptz"` for
    /// a parameter all rows share); `shared` parameters (`$1` … `$shared`) come before the rows' own.
    init(_ prefix: String, columns: [String], shared: Int, suffix: String = "") {
        texts = (1...Self.maximumRows).map {
            let rows = Self.build(columns: columns, shared: shared, rows: $0)
            return prefix + " " + rows + (suffix.isEmpty ? "" : "\n" + suffix)
        }
    }

    /// The statement for `rows` rows (1 … `maximumRows`), numbering their parameters after the shared ones.
    func sql(rows: Int) -> String {
        texts[min(max(rows, 1), Self.maximumRows) - 1]
    }

    private static func build(columns: [String], shared: Int, rows: Int) -> String {
        var next = shared
        var list: [String] = []
        for _ in 0..<rows {
            let row = columns.map { column in
                var expression = ""
                for character in column {
                    if character == "?" {
                        next += 1
                        expression += "$\(next)"
                    } else {
                        expression.append(character)
                    }
                }
                return expression
            }
            list.append("(" + row.joined(separator: ", ") + ")")
        }
        return list.joined(separator: ", ")
    }
}
