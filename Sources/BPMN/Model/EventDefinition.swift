/// One event definition of an event (`messageEventDefinition`, `timerEventDefinition`, …), or a reference to a
/// definition declared at the top level (`eventDefinitionRef`).
public struct EventDefinition: Sendable, Hashable, Codable {
    /// What kind of trigger or result the definition describes.
    public enum Kind: Sendable, Hashable, Codable {
        /// `messageEventDefinition`.
        case message(messageRef: ElementID?, operationRef: ElementID?)
        /// `timerEventDefinition`: at most one of date, duration and cycle is normally set.
        case timer(TimerDefinition)
        /// `errorEventDefinition` (no `errorRef` on a boundary or start event catches every error).
        case error(errorRef: ElementID?)
        /// `escalationEventDefinition`.
        case escalation(escalationRef: ElementID?)
        /// `signalEventDefinition`.
        case signal(signalRef: ElementID?)
        /// `compensateEventDefinition`.
        case compensate(activityRef: ElementID?, waitForCompletion: Bool)
        /// `conditionalEventDefinition`, with its `condition` and Camunda's `variableName`/`variableEvents`.
        case conditional(condition: Expression?, variableName: String?, variableEvents: [String])
        /// `linkEventDefinition`: a throw names its `target`, a catch lists its `source`s; both carry a `name`.
        case link(name: String?, sources: [ElementID], target: ElementID?)
        /// `cancelEventDefinition`.
        case cancel
        /// `terminateEventDefinition`.
        case terminate
    }

    /// The element name of the definition, e.g. `timerEventDefinition`.
    public var elementName: String {
        switch kind {
        case .message: "messageEventDefinition"
        case .timer: "timerEventDefinition"
        case .error: "errorEventDefinition"
        case .escalation: "escalationEventDefinition"
        case .signal: "signalEventDefinition"
        case .compensate: "compensateEventDefinition"
        case .conditional: "conditionalEventDefinition"
        case .link: "linkEventDefinition"
        case .cancel: "cancelEventDefinition"
        case .terminate: "terminateEventDefinition"
        }
    }

    /// The definition's id, if it has one.
    public var id: ElementID?
    /// The definition itself.
    public var kind: Kind
    /// Extension data on the definition (e.g. `camunda:errorCodeVariable`, `zeebe:subscription`).
    public var extensions: Extensions
    /// Where the definition element starts.
    public var location: SourceLocation

    /// Creates an event definition.
    public init(id: ElementID?, kind: Kind, extensions: Extensions = Extensions(), location: SourceLocation = .start) {
        self.id = id
        self.kind = kind
        self.extensions = extensions
        self.location = location
    }
}

/// The time expressions of a `timerEventDefinition`.
public struct TimerDefinition: Sendable, Hashable, Codable {
    /// `timeDate`: an ISO 8601 date-time (or an expression yielding one).
    public var timeDate: Expression?
    /// `timeDuration`: an ISO 8601 duration (or an expression).
    public var timeDuration: Expression?
    /// `timeCycle`: a repeating interval `R3/PT10M`, a cron expression, or an expression.
    public var timeCycle: Expression?

    /// Creates a timer definition.
    public init(timeDate: Expression? = nil, timeDuration: Expression? = nil, timeCycle: Expression? = nil) {
        self.timeDate = timeDate
        self.timeDuration = timeDuration
        self.timeCycle = timeCycle
    }
}
