/// One process-variable filter of an instance query (contract §1.7): `name_operator_value` in GET query strings,
/// `{"name", "operator", "value"}` in POST bodies. It matches the instance's process-scope variables.
///
/// A GET value is text: a number or `true`/`false` there also matches numeric or boolean variables (so
/// `amount_gt_100` compares numbers), besides matching String variables by text.
struct VariableFilterSQL: Sendable {
    static let operators: Set<String> = ["eq", "neq", "gt", "gteq", "lt", "lteq", "like", "notLike"]

    var name: String
    var op: String
    /// The values to compare with, any of which may match.
    var candidates: [JSON]

    /// The filters of a request: GET `variables=…` or the POST body's `variables` array.
    static func parse(_ filters: QueryFilters, request: APIRequest) throws(RESTError) -> [VariableFilterSQL] {
        if request.method == .post {
            guard let raw = filters.raw("variables"), !raw.isNull else { return [] }
            guard let items = raw.arrayValue else {
                throw .invalidRequest("'variables' must be an array of {name, operator, value}")
            }
            var result: [VariableFilterSQL] = []
            for item in items {
                guard let name = item["name"]?.stringValue, let op = item["operator"]?.stringValue else {
                    throw .invalidRequest(
                        "Each entry of 'variables' needs a 'name' and an 'operator', not \(JSONWriter.string(item))")
                }
                guard operators.contains(op) else {
                    throw .invalidRequest("Invalid variable comparator specified: \(op)")
                }
                result.append(VariableFilterSQL(name: name, op: op, candidates: [item["value"] ?? .null]))
            }
            return result
        }
        guard let entries = try filters.strings("variables") else { return [] }
        return try entries.map { (entry: String) throws(RESTError) -> VariableFilterSQL in
            let pieces = entry.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard pieces.count == 3, !pieces[0].isEmpty else {
                throw .invalidRequest(
                    "Cannot set query parameter 'variables' to value '\(entry)': expected name_operator_value")
            }
            guard operators.contains(pieces[1]) else {
                throw .invalidRequest("Invalid variable comparator specified: \(pieces[1])")
            }
            var candidates: [JSON] = [.string(pieces[2])]
            if let number = Int64(pieces[2]) {
                candidates.append(.int(number))
            } else if let number = Double(pieces[2]), number.isFinite {
                candidates.append(.double(number))
            }
            if pieces[2] == "true" || pieces[2] == "false" { candidates.append(.bool(pieces[2] == "true")) }
            return VariableFilterSQL(name: pieces[0], op: pieces[1], candidates: candidates)
        }
    }

    /// The SQL condition on `p` (a `process_instances` alias).
    func condition(_ sql: SQLFilterBuilder, ignoreNameCase: Bool, ignoreValueCase: Bool) throws(RESTError) -> String {
        var alternatives: [String] = []
        for value in candidates {
            if let condition = try valueCondition(value, sql, ignoreValueCase: ignoreValueCase) {
                alternatives.append(condition)
            }
        }
        guard !alternatives.isEmpty else {
            throw .invalidRequest(
                "Variable filter '\(name)': operator '\(op)' cannot compare "
                    + (candidates.first?.kindDescription ?? "null")
            )
        }
        let nameCondition =
            ignoreNameCase
            ? "lower(v.name) = lower(\(sql.bind(.text(name))))" : "v.name = \(sql.bind(.text(name)))"
        let matches = "(" + alternatives.joined(separator: " OR ") + ")"
        // neq / notLike: the variable exists and does not match.
        let negated = op == "neq" || op == "notLike"
        return """
            EXISTS (SELECT 1 FROM variables v WHERE v.process_instance_id = p.id AND \(nameCondition)
                AND NOT EXISTS (SELECT 1 FROM element_instances e WHERE e.process_instance_id = v.process_instance_id
                    AND e.key = v.scope_key)
                AND \(negated ? "NOT " : "")\(matches))
            """
    }

    private func valueCondition(_ value: JSON, _ sql: SQLFilterBuilder, ignoreValueCase: Bool) throws(RESTError)
        -> String?
    {
        let comparison: String? =
            switch op {
            case "eq", "neq": "="
            case "gt": ">"
            case "gteq": ">="
            case "lt": "<"
            case "lteq": "<="
            default: nil
            }
        switch value {
        case .null:
            return op == "eq" || op == "neq" ? "v.type = 'Null'" : nil
        case .bool(let flag):
            guard op == "eq" || op == "neq" else { return nil }
            return "(v.type = 'Boolean' AND v.text_value = \(sql.bind(.text(flag ? "true" : "false"))))"
        case .int, .double:
            guard let comparison else { return nil }
            let text = JSONWriter.string(value)
            return "(jsonb_typeof(v.value) = 'number' AND (v.value #>> '{}')::numeric \(comparison) "
                + "\(sql.bind(.text(text)))::numeric)"
        case .string(let text):
            let column = ignoreValueCase ? "lower(v.text_value)" : "v.text_value"
            let bound = ignoreValueCase ? "lower(\(sql.bind(.text(text))))" : sql.bind(.text(text))
            if op == "like" || op == "notLike" { return "(v.type = 'String' AND \(column) LIKE \(bound))" }
            guard let comparison else { return nil }
            return "(v.type = 'String' AND \(column) \(comparison) \(bound))"
        case .array, .object:
            throw .invalidRequest("Variable filter '\(name)': the value must be a string, number, boolean or null")
        }
    }
}
