import Expressions

/// One event as history stores it: a stable type name, the element it concerns, and a JSON payload with everything
/// else (values tagged as in snapshots).
public struct HistoryRecord: Sendable, Hashable {
    /// The event type, e.g. `elementCompleted`, `variableUpdated`.
    public var type: String
    /// The element id (BPMN id) the event concerns, if any.
    public var elementID: String?
    /// The element instance key the event concerns, if any.
    public var elementInstanceKey: Int?
    /// Everything else.
    public var payload: Value

    /// Creates a record (the runtime reads stored rows back with it).
    public init(type: String, elementID: String?, elementInstanceKey: Int?, payload: Value) {
        self.type = type
        self.elementID = elementID
        self.elementInstanceKey = elementInstanceKey
        self.payload = payload
    }
}

extension InstanceEvent {
    /// The event as a history record, with ids resolved against the process it ran in.
    public func historyRecord(in process: ExecutableProcess) -> HistoryRecord {
        func id(_ node: NodeIndex) -> String { process[node].id.rawValue }
        func record(_ type: String, _ node: NodeIndex?, _ key: ElementInstanceKey?, _ payload: [String: Value] = [:])
            -> HistoryRecord
        {
            HistoryRecord(type: type, elementID: node.map(id), elementInstanceKey: key?.rawValue, payload: .map(payload))
        }
        switch self {
        case .instanceCreated(let key, let businessKey, let startEvent):
            return record(
                "instanceCreated", .process, key,
                ["businessKey": businessKey.map(Value.string) ?? .null, "startEvent": .string(id(startEvent))])
        case .elementActivated(let key, let node, let parent, let role):
            var payload: [String: Value] = ["parent": parent.map { .integer($0.rawValue) } ?? .null]
            switch role {
            case .plain: break
            case .multiInstanceBody: payload["multiInstanceBody"] = .bool(true)
            case .multiInstanceInner(let counter): payload["loopCounter"] = .integer(counter)
            }
            return record("elementActivated", node, key, payload)
        case .elementCompleted(let key, let node):
            return record("elementCompleted", node, key)
        case .elementTerminated(let key, let node):
            return record("elementTerminated", node, key)
        case .flowTaken(let flow, let scope):
            return HistoryRecord(
                type: "flowTaken", elementID: process[flow].id.rawValue, elementInstanceKey: scope.rawValue,
                payload: .map([
                    "source": .string(id(process[flow].source)), "target": .string(id(process[flow].target)),
                ]))
        case .joinFired(let gateway, let scope, let consumed):
            return record(
                "joinFired", gateway, scope,
                ["consumed": .list(consumed.map { .string(process[$0].id.rawValue) })])
        case .joinDiscarded(let gateway, let scope):
            return record("joinDiscarded", gateway, scope)
        case .multiInstanceStarted(let key, let total, let items):
            return record(
                "multiInstanceStarted", nil, key,
                ["total": .integer(total), "items": items.map { SnapshotValue.encode(.list($0)) } ?? .null])
        case .variableCreated(let scope, let name, let value):
            return record(
                "variableCreated", nil, scope, ["name": .string(name), "value": SnapshotValue.encode(value)])
        case .variableUpdated(let scope, let name, let old, let new):
            return record(
                "variableUpdated", nil, scope,
                ["name": .string(name), "old": SnapshotValue.encode(old), "value": SnapshotValue.encode(new)])
        case .variableDeleted(let scope, let name, let old):
            return record("variableDeleted", nil, scope, ["name": .string(name), "old": SnapshotValue.encode(old)])
        case .userTaskCreated(let key, let details):
            return HistoryRecord(
                type: "userTaskCreated", elementID: nil, elementInstanceKey: key.rawValue,
                payload: details.snapshotValue)
        case .userTaskChanged(let key, let change, let details):
            guard case .map(var payload) = details.snapshotValue else {
                return record("userTaskChanged", nil, key, ["change": .string(change.name)])
            }
            payload["change"] = .string(change.name)
            switch change {
            case .claim(let user), .delegate(let user), .addCandidateUser(let user), .removeCandidateUser(let user):
                payload["userId"] = .string(user)
            case .addCandidateGroup(let group), .removeCandidateGroup(let group):
                payload["groupId"] = .string(group)
            case .setAssignee(let user), .setOwner(let user):
                payload["userId"] = user.map(Value.string) ?? .null
            case .unclaim, .resolve, .update:
                break
            }
            return HistoryRecord(
                type: "userTaskChanged", elementID: nil, elementInstanceKey: key.rawValue, payload: .map(payload))
        case .externalTaskCreated(let key, let details):
            return record(
                "externalTaskCreated", nil, key,
                [
                    "topic": .string(details.topic), "priority": .integer(details.priority),
                    "retries": details.retries.map(Value.integer) ?? .null,
                ])
        case .connectorInvoked(let key, let connectorID, let input):
            return record(
                "connectorInvoked", nil, key,
                ["connectorId": .string(connectorID), "input": SnapshotValue.encode(.map(input))])
        case .calledProcessRequested(let key, let called):
            return record(
                "calledProcessRequested", nil, key,
                [
                    "processId": .string(called.processID), "binding": called.binding.map(Value.string) ?? .null,
                    "version": called.version.map(Value.string) ?? .null,
                    "businessKey": called.businessKey.map(Value.string) ?? .null,
                    "variables": SnapshotValue.encode(.map(called.variables)),
                ])
        case .asyncContinuationScheduled(let key, let point):
            return record("asyncContinuationScheduled", nil, key, ["point": .string(point.rawValue)])
        case .asyncContinued(let key, let point):
            return record("asyncContinued", nil, key, ["point": .string(point.rawValue)])
        case .subscriptionOpened(let key, let subscription):
            var payload: [String: Value] = ["subscription": .integer(key.rawValue)]
            switch subscription.trigger {
            case .message(let name, let correlationKey):
                payload["message"] = .string(name)
                payload["correlationKey"] = correlationKey.map(Value.string) ?? .null
            case .signal(let name):
                payload["signal"] = .string(name)
            case .timer(let due, let fired):
                payload["due"] = .string(due.iso8601)
                payload["fired"] = .integer(fired)
            }
            return record("subscriptionOpened", subscription.catcher, subscription.owner, payload)
        case .subscriptionClosed(let key):
            return record("subscriptionClosed", nil, nil, ["subscription": .integer(key.rawValue)])
        case .timerFired(let key):
            return record("timerFired", nil, nil, ["subscription": .integer(key.rawValue)])
        case .messageCorrelated(let key, let name, let correlationKey):
            return record(
                "messageCorrelated", nil, nil,
                [
                    "subscription": .integer(key.rawValue), "message": .string(name),
                    "correlationKey": correlationKey.map(Value.string) ?? .null,
                ])
        case .signalReceived(let key, let name):
            return record("signalReceived", nil, nil, ["subscription": .integer(key.rawValue), "signal": .string(name)])
        case .signalThrown(let name):
            return record("signalThrown", nil, nil, ["signal": .string(name)])
        case .errorThrown(let key, let code, let message, let caughtBy):
            return record(
                "errorThrown", nil, key,
                [
                    "code": .string(code), "message": message.map(Value.string) ?? .null,
                    "caughtBy": caughtBy.map { .string(id($0)) } ?? .null,
                ])
        case .escalationThrown(let key, let code, let caughtBy):
            return record(
                "escalationThrown", nil, key,
                ["code": .string(code), "caughtBy": caughtBy.map { .string(id($0)) } ?? .null])
        case .incidentRaised(let key, let incident):
            return record(
                "incidentRaised", incident.node, incident.element,
                [
                    "incident": .integer(key.rawValue), "kind": .string(incident.kind.rawValue),
                    "message": .string(incident.message), "retry": .string(incident.retry.code),
                ])
        case .incidentResolved(let key):
            return record("incidentResolved", nil, nil, ["incident": .integer(key.rawValue)])
        }
    }
}
