/// A `startEvent`.
public struct StartEvent: Sendable, Hashable, Codable {
    /// Trigger definitions; empty for a none start event.
    public var eventDefinitions: [EventDefinition]
    /// `isInterrupting` (meaningful in event sub-processes), default true.
    public var isInterrupting: Bool
    /// `parallelMultiple`, default false.
    public var parallelMultiple: Bool

    /// Creates a start event.
    public init(eventDefinitions: [EventDefinition] = [], isInterrupting: Bool = true, parallelMultiple: Bool = false) {
        self.eventDefinitions = eventDefinitions
        self.isInterrupting = isInterrupting
        self.parallelMultiple = parallelMultiple
    }
}

/// An `endEvent`.
public struct EndEvent: Sendable, Hashable, Codable {
    /// Result definitions (error, escalation, message, signal, terminate, compensate, cancel); empty for none.
    public var eventDefinitions: [EventDefinition]

    /// Creates an end event.
    public init(eventDefinitions: [EventDefinition] = []) {
        self.eventDefinitions = eventDefinitions
    }
}

/// An `intermediateCatchEvent`.
public struct CatchEvent: Sendable, Hashable, Codable {
    /// Trigger definitions.
    public var eventDefinitions: [EventDefinition]
    /// `parallelMultiple`, default false.
    public var parallelMultiple: Bool

    /// Creates a catch event.
    public init(eventDefinitions: [EventDefinition] = [], parallelMultiple: Bool = false) {
        self.eventDefinitions = eventDefinitions
        self.parallelMultiple = parallelMultiple
    }
}

/// An `intermediateThrowEvent`.
public struct ThrowEvent: Sendable, Hashable, Codable {
    /// Result definitions; empty for a none intermediate event.
    public var eventDefinitions: [EventDefinition]

    /// Creates a throw event.
    public init(eventDefinitions: [EventDefinition] = []) {
        self.eventDefinitions = eventDefinitions
    }
}

/// A `boundaryEvent`, attached to an activity.
public struct BoundaryEvent: Sendable, Hashable, Codable {
    /// `attachedToRef`: the activity it is attached to (nil when the attribute is missing).
    public var attachedTo: ElementID?
    /// `cancelActivity`: true for interrupting (the default), false for non-interrupting.
    public var cancelActivity: Bool
    /// Trigger definitions.
    public var eventDefinitions: [EventDefinition]
    /// `parallelMultiple`, default false.
    public var parallelMultiple: Bool

    /// Creates a boundary event.
    public init(
        attachedTo: ElementID?, cancelActivity: Bool = true, eventDefinitions: [EventDefinition] = [],
        parallelMultiple: Bool = false
    ) {
        self.attachedTo = attachedTo
        self.cancelActivity = cancelActivity
        self.eventDefinitions = eventDefinitions
        self.parallelMultiple = parallelMultiple
    }
}
