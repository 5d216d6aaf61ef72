import Expressions
import Foundation

/// Which response statuses become BPMN errors, read from the input `bpmnErrorOnStatus`.
///
/// Accepted values: `true` (every status from 400 to 599), `false` or absent (none), the texts `"true"` and
/// `"false"` likewise, or a text or list of items that are each a status (`404`) or a class (`4xx`, `5xx`), e.g.
/// `"404, 409, 5xx"`. A matched status becomes the BPMN error code `HTTP_<status>`.
struct StatusErrorMapping: Sendable, Hashable {
    /// Exact statuses that match.
    var statuses: Set<Int> = []
    /// Classes (the hundreds digit: 4 for 4xx) that match.
    var classes: Set<Int> = []

    /// Reads the input value (absent: no status matches).
    init(input: Value?) throws(ConnectorInputError) {
        switch input {
        case nil, .null, .bool(false):
            return
        case .bool(true):
            classes = [4, 5]
        case .integer(let status):
            try add(String(status))
        case .string(let text):
            // A literal `camunda:inputParameter` is text, so "true" and "false" are read as the booleans.
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true":
                classes = [4, 5]
                return
            case "false", "":
                return
            default:
                break
            }
            for item in text.split(separator: ",") { try add(item.trimmingCharacters(in: .whitespaces)) }
        case .list(let items):
            for item in items {
                switch item {
                case .integer(let status): try add(String(status))
                case .string(let text): try add(text.trimmingCharacters(in: .whitespaces))
                default: throw .invalidErrorMapping(item.jsonText)
                }
            }
        case .some(let other):
            throw .invalidErrorMapping(other.jsonText)
        }
    }

    private mutating func add(_ item: String) throws(ConnectorInputError) {
        let lower = item.lowercased()
        if lower.count == 3, lower.hasSuffix("xx"), let digit = lower.first?.wholeNumberValue, (4...5).contains(digit) {
            classes.insert(digit)
        } else if let status = Int(lower), (400...599).contains(status) {
            statuses.insert(status)
        } else {
            throw .invalidErrorMapping(item)
        }
    }

    /// Whether `status` becomes a BPMN error.
    func matches(_ status: Int) -> Bool {
        statuses.contains(status) || classes.contains(status / 100)
    }
}
