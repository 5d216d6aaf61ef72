import EngineCore
import Expressions

/// A condition on a variable of a process instance (Camunda's `variables` filter: `name_op_value` on GET,
/// `{"name", "operator", "value"}` on POST), checked against the instance's stored variables (every scope; process
/// variables stay after the instance ends).
public struct HistoryVariableCondition: Sendable, Hashable {
    /// The comparison.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case eq, neq, gt, gteq, lt, lteq, like, notLike
    }

    /// The variable name.
    public var name: String
    /// The comparison.
    public var op: Operator
    /// The value compared with (a string pattern with `%` for `like`/`notLike`).
    public var value: Value

    /// Creates a condition.
    public init(name: String, op: Operator, value: Value) {
        self.name = name
        self.op = op
        self.value = value
    }
}

extension HistoryFilterBuilder {
    /// Adds `EXISTS` conditions for variable conditions on the instance whose id (uuid) is `instance`.
    mutating func variables(
        _ conditions: [HistoryVariableCondition], instance: String, namesIgnoreCase: Bool, valuesIgnoreCase: Bool
    ) throws {
        for condition in conditions {
            let name = bind(.text(condition.name))
            let nameMatch = namesIgnoreCase ? "lower(v.name) = lower(\(name))" : "v.name = \(name)"
            let test: String
            switch (condition.op, condition.value) {
            case (.eq, .string(let text)) where valuesIgnoreCase, (.neq, .string(let text)) where valuesIgnoreCase:
                let operator_ = condition.op == .eq ? "=" : "<>"
                test = "v.type = 'String' AND lower(v.text_value) \(operator_) lower(\(bind(.text(text))))"
            case (.eq, _):
                test = "v.value = \(bind(.text(SnapshotCodec.json(condition.value))))::jsonb"
            case (.neq, _):
                test = "v.value <> \(bind(.text(SnapshotCodec.json(condition.value))))::jsonb"
            case (.like, .string(let pattern)), (.notLike, .string(let pattern)):
                let negate = condition.op == .notLike ? "NOT " : ""
                let column = valuesIgnoreCase ? "lower(v.text_value)" : "v.text_value"
                let bound = bind(.text(pattern))
                test = "v.type = 'String' AND \(negate)\(column) LIKE \(valuesIgnoreCase ? "lower(\(bound))" : bound)"
            case (.like, _), (.notLike, _):
                throw HistoryError.invalidFilter(
                    "Invalid variable comparison for '\(condition.name)': \(condition.op.rawValue) needs a string "
                        + "pattern")
            case (_, .integer), (_, .decimal):
                let number = bind(.text(SQLText.filterText(condition.value) ?? "0"))
                // CASE, not AND: PostgreSQL may evaluate either side of an AND first, and the cast fails on text.
                test = "CASE WHEN jsonb_typeof(v.value) = 'number' THEN (v.value #>> '{}')::numeric "
                    + "\(Self.comparison(condition.op)) \(number)::numeric ELSE false END"
            case (_, .string(let text)):
                test = "v.type = 'String' AND v.text_value \(Self.comparison(condition.op)) \(bind(.text(text)))"
            case (_, .dateTime(let date)):
                test = "CASE WHEN v.type = 'Date' THEN v.text_value::timestamptz \(Self.comparison(condition.op)) "
                    + "\(bind(.text(date.iso8601)))::timestamptz ELSE false END"
            default:
                throw HistoryError.invalidFilter(
                    "Invalid variable comparison for '\(condition.name)': \(condition.op.rawValue) needs a number, a "
                        + "string or a date")
            }
            add("EXISTS (SELECT 1 FROM variables v WHERE v.process_instance_id = \(instance) AND \(nameMatch) "
                + "AND \(test))")
        }
    }

    private static func comparison(_ op: HistoryVariableCondition.Operator) -> String {
        switch op {
        case .gt: ">"
        case .gteq: ">="
        case .lt: "<"
        case .lteq: "<="
        case .eq: "="
        case .neq: "<>"
        case .like, .notLike: "LIKE"
        }
    }
}
