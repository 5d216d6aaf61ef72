import Expressions

/// One event of a process instance's audit timeline: what happened, when, who caused it, which element it
/// concerns, what it changed, why, and its place in the hash chain (docs/audit.md).
public struct TimelineEntry: Sendable, Hashable {
    /// The event number within the instance (`history_events.sequence`, from 1).
    public var sequence: Int
    /// When it happened (UTC, millisecond precision as in the hash chain).
    public var time: DateTime
    /// The history event type as stored (`elementActivated`, `variableUpdated`, `userTaskChanged`, …).
    public var type: String
    /// The engine command that caused it (`history_events.command`, e.g. `task.claim`, `fetchAndLock`).
    public var command: String
    /// The user who caused it, nil for the engine itself and anonymous callers.
    public var actor: String?
    /// The element it concerns, nil for instance-wide events without one.
    public var element: TimelineElement?
    /// What it changed (empty when nothing changed that the timeline tracks).
    public var changes: [TimelineChange]
    /// Why it happened, when known.
    public var reason: TimelineReason?
    /// The event's hash (hex SHA-256); nil only for rows written before the hash chain existed.
    public var hash: String?
    /// The hash of the event before it, nil for the first event.
    public var previousHash: String?

    /// Creates an entry.
    public init(
        sequence: Int, time: DateTime, type: String, command: String, actor: String?, element: TimelineElement?,
        changes: [TimelineChange], reason: TimelineReason?, hash: String?, previousHash: String?
    ) {
        self.sequence = sequence
        self.time = time
        self.type = type
        self.command = command
        self.actor = actor
        self.element = element
        self.changes = changes
        self.reason = reason
        self.hash = hash
        self.previousHash = previousHash
    }
}

/// The BPMN element an event concerns, named from the instance's compiled definition.
public struct TimelineElement: Sendable, Hashable {
    /// The BPMN id.
    public var id: String
    /// The element's name, if the model gives one.
    public var name: String?
    /// Camunda's activity type (`userTask`, `serviceTask`, `exclusiveGateway`, `process`, `sequenceFlow`, …); nil
    /// when the definition no longer knows the element.
    public var type: String?

    /// Creates an element reference.
    public init(id: String, name: String?, type: String?) {
        self.id = id
        self.name = name
        self.type = type
    }
}

/// One change an event made.
public enum TimelineChange: Sendable, Hashable {
    /// A variable was created (`old` nil), updated, or deleted (`new` nil). `scope` is the element id of the scope
    /// the variable lives in (the process id for process variables).
    case variable(name: String, scope: String?, old: Value?, new: Value?)
    /// A user task's assignee changed (claim, unclaim, assignment, delegation, resolution).
    case assignee(old: String?, new: String?)

    /// `variable` or `assignee`.
    public var kind: String {
        switch self {
        case .variable: "variable"
        case .assignee: "assignee"
        }
    }
}

/// Why an event happened, as far as history knows it.
public struct TimelineReason: Sendable, Hashable {
    /// A comment given with the event (task comments).
    public var comment: String?
    /// An operator's annotation given with the event.
    public var annotation: String?
    /// The error code (BPMN error code, incident type), if the event reports an error.
    public var errorCode: String?
    /// The error message, if the event reports an error.
    public var errorMessage: String?

    /// Creates a reason.
    public init(comment: String? = nil, annotation: String? = nil, errorCode: String? = nil, errorMessage: String? = nil)
    {
        self.comment = comment
        self.annotation = annotation
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }

    /// Whether an error code or message is known.
    public var hasError: Bool { errorCode != nil || errorMessage != nil }

    /// Whether nothing is known (such a reason is reported as nil).
    var isEmpty: Bool { comment == nil && annotation == nil && !hasError }
}
