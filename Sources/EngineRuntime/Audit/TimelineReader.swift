import BPMN
import EngineCore
import Expressions
import PostgresClient

/// Turns the rows of `TimelineSQL` into `TimelineEntry` values: names and types elements from the instance's
/// compiled definition, decodes variable values (in one place: `TimelineValues`), and derives the changes and the
/// reason of each event from its payload.
struct TimelineReader {
    /// The instance's compiled process, nil when its definition is gone (elements then have no name or type).
    let process: ExecutableProcess?

    /// Loads the definition of `instance` (a canonical UUID).
    init(engine: Engine, instance: String, on connection: PostgresConnection) throws {
        let rows = try connection.query(TimelineSQL.definition, [.text(instance)])
        guard let definitionID: String = try rows.rows.first?.decode("definition_id") else {
            process = nil
            return
        }
        do {
            process = try engine.definition(definitionID, on: connection).process
        } catch EngineError.notFound {
            process = nil
        }
    }

    /// The element with this id, named and typed from the definition.
    func element(_ id: String?) -> TimelineElement? {
        guard let id else { return nil }
        guard let process else { return TimelineElement(id: id, name: nil, type: nil) }
        let elementID = ElementID(rawValue: id)
        if let index = process.nodeIndexByID[elementID] {
            let node = process[index]
            let name = index == .process ? (node.name ?? process.name) : node.name
            return TimelineElement(id: id, name: name, type: ExecutableNode.camundaActivityType(node))
        }
        if process.flowIndexByID[elementID] != nil {
            return TimelineElement(id: id, name: nil, type: "sequenceFlow")
        }
        return TimelineElement(id: id, name: nil, type: nil)
    }

    /// One entry from a row of `TimelineSQL.statement`.
    func entry(_ row: PostgresRow) throws -> TimelineEntry {
        let sequence: Int = try row.decode("sequence")
        let type: String = try row.decode("type")
        let payloadText: String = try row.decode("payload")
        guard let payloadValue = Value(jsonText: payloadText) else {
            throw EngineError.corruptState("history event \(sequence) has a payload that is not JSON")
        }
        let payload: [String: Value]
        if case .map(let fields) = payloadValue { payload = fields } else { payload = [:] }
        let element = self.element(try row.decode("element", as: String?.self))
        return TimelineEntry(
            sequence: sequence, time: try row.requiredTime("time_ms"), type: type, command: try row.decode("command"),
            actor: try row.decode("actor", as: String?.self), element: element,
            changes: try changes(type: type, payload: payload, element: element, row: row),
            reason: Self.reason(type: type, payload: payload), hash: try row.decode("hash", as: String?.self),
            previousHash: try row.decode("previous_hash", as: String?.self))
    }

    /// The variable and assignee changes an event made.
    private func changes(type: String, payload: [String: Value], element: TimelineElement?, row: PostgresRow) throws
        -> [TimelineChange]
    {
        switch type {
        case "variableCreated", "variableUpdated", "variableDeleted":
            guard case .string(let name)? = payload["name"] else { return [] }
            var new: Value?
            if type != "variableDeleted" {
                new = try TimelineValues.decode(try row.decode("value_json", as: String?.self), name: name)
            }
            var old: Value?
            if type != "variableCreated" {
                // The engine records the old value with the event; rows without it take the value of the previous
                // event of the same variable.
                var stored = try row.decode("old_json", as: String?.self)
                if stored == nil { stored = try row.decode("previous_value", as: String?.self) }
                old = try TimelineValues.decode(stored, name: name)
            }
            return [.variable(name: name, scope: element?.id, old: old, new: new)]
        case "userTaskCreated":
            guard let assignee = Self.string(payload["assignee"]) else { return [] }
            return [.assignee(old: nil, new: assignee)]
        case "userTaskChanged":
            let old = try row.decode("previous_assignee", as: String?.self)
            let new = Self.string(payload["assignee"])
            return old == new ? [] : [.assignee(old: old, new: new)]
        default:
            return []
        }
    }

    /// The comment, annotation and error an event reports, nil when none.
    static func reason(type: String, payload: [String: Value]) -> TimelineReason? {
        var reason = TimelineReason()
        reason.comment = string(payload["comment"]) ?? (type == "taskCommentAdded" ? string(payload["message"]) : nil)
        reason.annotation = string(payload["annotation"])
        switch type {
        case "errorThrown", "escalationThrown":
            reason.errorCode = string(payload["code"])
            reason.errorMessage = string(payload["message"])
        case "incidentRaised":
            reason.errorCode = string(payload["kind"])
            reason.errorMessage = string(payload["message"])
        default:
            reason.errorCode = string(payload["errorCode"])
            reason.errorMessage = string(payload["errorMessage"])
        }
        return reason.isEmpty ? nil : reason
    }

    private static func string(_ value: Value?) -> String? {
        guard case .string(let text)? = value else { return nil }
        return text
    }
}

/// Variable values as the timeline shows them. Every variable value of the timeline passes through `decode`, so
/// that rules about showing values (masking sensitive variables) apply in this one place.
enum TimelineValues {
    /// The value stored in history as JSON text (values tagged as in snapshots), nil when there is none.
    static func decode(_ json: String?, name: String) throws -> Value? {
        guard let json else { return nil }
        do {
            return try SnapshotCodec.value(json: json)
        } catch {
            throw EngineError.corruptState("the value of variable '\(name)' in history cannot be read: \(error)")
        }
    }
}
