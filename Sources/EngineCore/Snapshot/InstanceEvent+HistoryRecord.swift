import BPMN
import Expressions

/// What reading a history record back as an engine event can find wrong; the message names the record's type and
/// the field.
public struct HistoryDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The record's event type.
    public var type: String
    /// What is wrong with it.
    public var reason: String

    /// The message.
    public var description: String { "history event '\(type)' cannot be read back: \(reason)" }
}

extension InstanceEvent {
    /// The history event types the runtime writes beside the core's events (locks, job failures, operator actions,
    /// annotations): facts about the instance that do not change its state, so rebuilding skips them.
    public static let operationalHistoryTypes: Set<String> = [
        "instanceSuspended", "instanceActivated", "taskCommentAdded", "externalTaskLocked", "externalTaskCompleted",
        "externalTaskFailed", "externalTaskBpmnError", "externalTaskUnlocked", "externalTaskLockExtended",
        "externalTaskRetriesSet", "externalTaskPrioritySet", "jobFailed", "jobRetriesSet", "jobDueDateSet",
        "jobSuspended", "jobActivated", "jobDeleted", "incidentAnnotated", "operationAnnotated",
    ]

    /// Reads a history record back as the event that produced it (the inverse of `historyRecord(in:)`), or nil for
    /// the runtime's operational records (`operationalHistoryTypes`). Element and flow ids are resolved against the
    /// process the instance ran in; an unknown type or a missing field is a `HistoryDecodingError`.
    public init?(historyRecord record: HistoryRecord, in process: ExecutableProcess) throws(HistoryDecodingError) {
        let reader = HistoryRecordReader(record: record, process: process)
        do throws(SnapshotError) {
            guard let event = try reader.event() else { return nil }
            self = event
        } catch {
            throw HistoryDecodingError(type: record.type, reason: error.message)
        }
    }
}

extension EngineCore {
    /// Rebuilds an instance's state from its history records alone, in sequence order: each record is read back
    /// as its event (operational records are skipped) and the events are folded as in `replay`.
    public static func rebuild(
        fromHistory records: some Sequence<HistoryRecord>, in process: ExecutableProcess
    ) throws(HistoryDecodingError) -> InstanceState {
        var state = InstanceState()
        for record in records {
            if let event = try InstanceEvent(historyRecord: record, in: process) { state.apply(event, in: process) }
        }
        return state
    }
}

/// Reads the fields of one history record; every failure names the field.
private struct HistoryRecordReader {
    let record: HistoryRecord
    let process: ExecutableProcess
    var payload: [String: Value] { if case .map(let map) = record.payload { map } else { [:] } }

    func event() throws(SnapshotError) -> InstanceEvent? {
        switch record.type {
        case "instanceCreated":
            return .instanceCreated(
                try key(), businessKey: try Snapshot.optionalString(payload["businessKey"], "businessKey"),
                startEvent: try node(try Snapshot.string(payload["startEvent"], "startEvent")))
        case "elementActivated":
            let role: InstanceRole
            if case .bool(true)? = payload["multiInstanceBody"] {
                role = .multiInstanceBody
            } else if let counter = try Snapshot.optionalInt(payload["loopCounter"], "loopCounter") {
                role = .multiInstanceInner(loopCounter: counter)
            } else {
                role = .plain
            }
            let parent = try Snapshot.optionalInt(payload["parent"], "parent").map(ElementInstanceKey.init)
            return .elementActivated(try key(), node: try elementNode(), parent: parent, role: role)
        case "elementCompleted": return .elementCompleted(try key(), node: try elementNode())
        case "elementTerminated": return .elementTerminated(try key(), node: try elementNode())
        case "flowTaken": return .flowTaken(try flow(try elementID()), scope: try key())
        case "joinFired":
            var consumed: [FlowIndex] = []
            for item in try Snapshot.list(payload["consumed"], "consumed") {
                consumed.append(try flow(try Snapshot.string(item, "consumed")))
            }
            return .joinFired(try elementNode(), scope: try key(), consumed: consumed)
        case "joinDiscarded": return .joinDiscarded(try elementNode(), scope: try key())
        case "multiInstanceStarted":
            var items: [Value]?
            if let encoded = payload["items"], encoded != .null {
                items = try Snapshot.list(try SnapshotValue.decode(encoded), "items")
            }
            return .multiInstanceStarted(try key(), total: try Snapshot.int(payload["total"], "total"), items: items)
        default:
            return try dataEvent()
        }
    }

    /// Variables, tasks, connectors, called processes and continuations.
    private func dataEvent() throws(SnapshotError) -> InstanceEvent? {
        switch record.type {
        case "variableCreated":
            return .variableCreated(scope: try key(), name: try name(), value: try value("value"))
        case "variableUpdated":
            return .variableUpdated(scope: try key(), name: try name(), old: try value("old"), new: try value("value"))
        case "variableDeleted":
            return .variableDeleted(scope: try key(), name: try name(), old: try value("old"))
        case "userTaskCreated":
            return .userTaskCreated(try key(), try UserTaskDetails(snapshotValue: record.payload))
        case "userTaskChanged":
            let details = try UserTaskDetails(snapshotValue: record.payload)
            return .userTaskChanged(try key(), change: try taskChange(details), details: details)
        case "externalTaskCreated":
            return .externalTaskCreated(
                try key(),
                ExternalTaskDetails(
                    topic: try Snapshot.string(payload["topic"], "topic"),
                    priority: try Snapshot.int(payload["priority"], "priority"),
                    retries: try Snapshot.optionalInt(payload["retries"], "retries")))
        case "connectorInvoked":
            return .connectorInvoked(
                try key(), connectorID: try Snapshot.string(payload["connectorId"], "connectorId"),
                input: try Snapshot.map(try value("input"), "input"))
        case "calledProcessRequested":
            return .calledProcessRequested(
                try key(),
                CalledProcess(
                    processID: try Snapshot.string(payload["processId"], "processId"),
                    binding: try Snapshot.optionalString(payload["binding"], "binding"),
                    version: try Snapshot.optionalString(payload["version"], "version"),
                    businessKey: try Snapshot.optionalString(payload["businessKey"], "businessKey"),
                    variables: try Snapshot.map(try value("variables"), "variables")))
        case "asyncContinuationScheduled": return .asyncContinuationScheduled(try key(), point: try asyncPoint())
        case "asyncContinued": return .asyncContinued(try key(), point: try asyncPoint())
        default:
            return try signalEvent()
        }
    }

    /// Subscriptions, timers, messages, signals, errors, escalations and incidents.
    private func signalEvent() throws(SnapshotError) -> InstanceEvent? {
        switch record.type {
        case "subscriptionOpened":
            let trigger: SubscriptionTrigger
            if let message = try Snapshot.optionalString(payload["message"], "message") {
                trigger = .message(
                    name: message,
                    correlationKey: try Snapshot.optionalString(payload["correlationKey"], "correlationKey"))
            } else if let signal = try Snapshot.optionalString(payload["signal"], "signal") {
                trigger = .signal(name: signal)
            } else {
                trigger = .timer(due: try date("due"), fired: try Snapshot.int(payload["fired"], "fired"))
            }
            return .subscriptionOpened(
                try subscription(), Subscription(owner: try key(), catcher: try elementNode(), trigger: trigger))
        case "subscriptionClosed": return .subscriptionClosed(try subscription())
        case "timerFired": return .timerFired(try subscription())
        case "messageCorrelated":
            return .messageCorrelated(
                try subscription(), name: try Snapshot.string(payload["message"], "message"),
                correlationKey: try Snapshot.optionalString(payload["correlationKey"], "correlationKey"))
        case "signalReceived":
            return .signalReceived(try subscription(), name: try Snapshot.string(payload["signal"], "signal"))
        case "signalThrown": return .signalThrown(name: try Snapshot.string(payload["signal"], "signal"))
        case "errorThrown":
            return .errorThrown(
                try key(), code: try Snapshot.string(payload["code"], "code"),
                message: try Snapshot.optionalString(payload["message"], "message"), caughtBy: try caughtBy())
        case "escalationThrown":
            return .escalationThrown(
                try key(), code: try Snapshot.string(payload["code"], "code"), caughtBy: try caughtBy())
        case "incidentRaised":
            let kindText = try Snapshot.string(payload["kind"], "kind")
            guard let kind = IncidentKind(rawValue: kindText) else { throw SnapshotError("unknown kind '\(kindText)'") }
            let retryText = try Snapshot.string(payload["retry"], "retry")
            guard let retry = RetryPoint(code: retryText) else { throw SnapshotError("unknown retry '\(retryText)'") }
            let incident = Incident(
                element: try key(), node: try elementNode(), kind: kind,
                message: try Snapshot.string(payload["message"], "message"), retry: retry)
            return .incidentRaised(IncidentKey(try Snapshot.int(payload["incident"], "incident")), incident)
        case "incidentResolved":
            return .incidentResolved(IncidentKey(try Snapshot.int(payload["incident"], "incident")))
        default:
            if InstanceEvent.operationalHistoryTypes.contains(record.type) { return nil }
            throw SnapshotError("unknown event type")
        }
    }

    // MARK: Fields

    private func key() throws(SnapshotError) -> ElementInstanceKey {
        guard let key = record.elementInstanceKey else { throw SnapshotError("element instance key is missing") }
        return ElementInstanceKey(key)
    }

    private func elementID() throws(SnapshotError) -> String {
        guard let id = record.elementID else { throw SnapshotError("element id is missing") }
        return id
    }

    private func elementNode() throws(SnapshotError) -> NodeIndex { try node(try elementID()) }

    private func node(_ id: String) throws(SnapshotError) -> NodeIndex {
        if id == process.id.rawValue { return .process }
        guard let node = process.nodeIndexByID[ElementID(id)] else {
            throw SnapshotError("element '\(id)' is not in process '\(process.id.rawValue)'")
        }
        return node
    }

    private func flow(_ id: String) throws(SnapshotError) -> FlowIndex {
        guard let flow = process.flowIndexByID[ElementID(id)] else {
            throw SnapshotError("sequence flow '\(id)' is not in process '\(process.id.rawValue)'")
        }
        return flow
    }

    private func subscription() throws(SnapshotError) -> SubscriptionKey {
        SubscriptionKey(try Snapshot.int(payload["subscription"], "subscription"))
    }

    private func name() throws(SnapshotError) -> String { try Snapshot.string(payload["name"], "name") }

    private func value(_ field: String) throws(SnapshotError) -> Value {
        guard let encoded = payload[field] else { throw SnapshotError("\(field) is missing") }
        return try SnapshotValue.decode(encoded)
    }

    private func date(_ field: String) throws(SnapshotError) -> DateTime {
        let text = try Snapshot.string(payload[field], field)
        guard let date = DateTime.parse(text) else { throw SnapshotError("invalid \(field) '\(text)'") }
        return date
    }

    private func caughtBy() throws(SnapshotError) -> NodeIndex? {
        guard let id = try Snapshot.optionalString(payload["caughtBy"], "caughtBy") else { return nil }
        return try node(id)
    }

    private func asyncPoint() throws(SnapshotError) -> AsyncPoint {
        let text = try Snapshot.string(payload["point"], "point")
        guard let point = AsyncPoint(rawValue: text) else { throw SnapshotError("unknown point '\(text)'") }
        return point
    }

    private func taskChange(_ details: UserTaskDetails) throws(SnapshotError) -> UserTaskChange {
        let change = try Snapshot.string(payload["change"], "change")
        func user() throws(SnapshotError) -> String { try Snapshot.string(payload["userId"], "userId") }
        func optionalUser() throws(SnapshotError) -> String? {
            try Snapshot.optionalString(payload["userId"], "userId")
        }
        func group() throws(SnapshotError) -> String { try Snapshot.string(payload["groupId"], "groupId") }
        switch change {
        case "claim": return .claim(userID: try user())
        case "unclaim": return .unclaim
        case "setAssignee": return .setAssignee(try optionalUser())
        case "setOwner": return .setOwner(try optionalUser())
        case "delegate": return .delegate(userID: try user())
        case "resolve": return .resolve
        case "addCandidateUser": return .addCandidateUser(try user())
        case "addCandidateGroup": return .addCandidateGroup(try group())
        case "removeCandidateUser": return .removeCandidateUser(try user())
        case "removeCandidateGroup": return .removeCandidateGroup(try group())
        case "update":
            return .update(
                UserTaskFields(
                    name: details.name, description: details.description, priority: details.priority,
                    assignee: details.assignee, owner: details.owner, delegationState: details.delegationState,
                    dueDate: details.dueDate, followUpDate: details.followUpDate))
        default: throw SnapshotError("unknown change '\(change)'")
        }
    }
}
