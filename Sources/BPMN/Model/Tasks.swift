/// A `userTask`: work for a person. Assignment and forms come from `camunda:`/`zeebe:` extensions.
public struct UserTask: Sendable, Hashable, Codable {
    /// `implementation` (`##unspecified`, `##WebService`, or a URI), when written.
    public var implementation: String?
    /// `rendering` children, verbatim.
    public var renderings: [XMLFragment]

    /// Creates a user task.
    public init(implementation: String? = nil, renderings: [XMLFragment] = []) {
        self.implementation = implementation
        self.renderings = renderings
    }
}

/// A `serviceTask`: automated work, done by an external worker, a connector or (in Camunda) Java code.
public struct ServiceTask: Sendable, Hashable, Codable {
    /// `implementation`, when written.
    public var implementation: String?
    /// `operationRef`, when written.
    public var operationRef: ElementID?

    /// Creates a service task.
    public init(implementation: String? = nil, operationRef: ElementID? = nil) {
        self.implementation = implementation
        self.operationRef = operationRef
    }
}

/// A `sendTask`.
public struct SendTask: Sendable, Hashable, Codable {
    /// `messageRef`.
    public var messageRef: ElementID?
    /// `operationRef`.
    public var operationRef: ElementID?
    /// `implementation`.
    public var implementation: String?

    /// Creates a send task.
    public init(messageRef: ElementID? = nil, operationRef: ElementID? = nil, implementation: String? = nil) {
        self.messageRef = messageRef
        self.operationRef = operationRef
        self.implementation = implementation
    }
}

/// A `receiveTask`.
public struct ReceiveTask: Sendable, Hashable, Codable {
    /// `messageRef`.
    public var messageRef: ElementID?
    /// `operationRef`.
    public var operationRef: ElementID?
    /// `instantiate`, default false.
    public var instantiate: Bool
    /// `implementation`.
    public var implementation: String?

    /// Creates a receive task.
    public init(
        messageRef: ElementID? = nil, operationRef: ElementID? = nil, instantiate: Bool = false,
        implementation: String? = nil
    ) {
        self.messageRef = messageRef
        self.operationRef = operationRef
        self.instantiate = instantiate
        self.implementation = implementation
    }
}

/// A `scriptTask`.
public struct ScriptTask: Sendable, Hashable, Codable {
    /// `scriptFormat` (e.g. `juel`, `feel`, `groovy`, `javascript`, `python`).
    public var scriptFormat: String?
    /// The `script` child's text, verbatim.
    public var script: String?
    /// Where the `script` child starts, when there is one.
    public var scriptLocation: SourceLocation?

    /// Creates a script task.
    public init(scriptFormat: String? = nil, script: String? = nil, scriptLocation: SourceLocation? = nil) {
        self.scriptFormat = scriptFormat
        self.script = script
        self.scriptLocation = scriptLocation
    }
}

/// A `businessRuleTask`.
public struct BusinessRuleTask: Sendable, Hashable, Codable {
    /// `implementation`.
    public var implementation: String?

    /// Creates a business-rule task.
    public init(implementation: String? = nil) {
        self.implementation = implementation
    }
}

/// A `callActivity`: starts another process (`calledElement`).
public struct CallActivity: Sendable, Hashable, Codable {
    /// `calledElement`: the key of the process to call (may also come from `zeebe:calledElement`).
    public var calledElement: String?

    /// Creates a call activity.
    public init(calledElement: String? = nil) {
        self.calledElement = calledElement
    }
}

/// A `complexGateway`.
public struct ComplexGateway: Sendable, Hashable, Codable {
    /// `activationCondition`.
    public var activationCondition: Expression?

    /// Creates a complex gateway.
    public init(activationCondition: Expression? = nil) {
        self.activationCondition = activationCondition
    }
}

/// An `eventBasedGateway`.
public struct EventBasedGateway: Sendable, Hashable, Codable {
    /// `instantiate`, default false.
    public var instantiate: Bool
    /// `eventGatewayType`: `Exclusive` (default) or `Parallel`.
    public var eventGatewayType: String?

    /// Creates an event-based gateway.
    public init(instantiate: Bool = false, eventGatewayType: String? = nil) {
        self.instantiate = instantiate
        self.eventGatewayType = eventGatewayType
    }
}
