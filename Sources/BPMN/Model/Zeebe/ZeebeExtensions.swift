/// Zeebe (Camunda 8) extension elements on one element, as typed fields (`reference/camunda-rest-contract.md` §4).
public struct ZeebeExtensions: Sendable, Hashable, Codable {
    /// `zeebe:taskDefinition type retries`.
    public var taskDefinition: ZeebeTaskDefinition?
    /// `zeebe:taskHeaders/header key value`, in document order.
    public var taskHeaders: [ZeebeKeyValue]
    /// `zeebe:ioMapping/input source target`.
    public var inputs: [ZeebeMapping]
    /// `zeebe:ioMapping/output source target`.
    public var outputs: [ZeebeMapping]
    /// `zeebe:userTask` marker: a Camunda user task (not a job-based one).
    public var isZeebeUserTask: Bool
    /// `zeebe:assignmentDefinition assignee candidateGroups candidateUsers`.
    public var assignment: ZeebeAssignment?
    /// `zeebe:taskSchedule dueDate followUpDate`.
    public var dueDate: String?
    /// See `dueDate`.
    public var followUpDate: String?
    /// Where the `zeebe:taskSchedule` element starts, when there is one.
    public var taskScheduleLocation: SourceLocation?
    /// `zeebe:priorityDefinition priority`.
    public var priority: String?
    /// Where the `zeebe:priorityDefinition` element starts, when there is one.
    public var priorityLocation: SourceLocation?
    /// `zeebe:formDefinition formKey|formId|externalReference bindingType versionTag`.
    public var form: ZeebeForm?
    /// `zeebe:calledElement processId propagateAllChildVariables propagateAllParentVariables bindingType versionTag
    /// businessId`.
    public var calledElement: ZeebeCalledElement?
    /// `zeebe:calledDecision decisionId resultVariable bindingType versionTag`.
    public var calledDecision: ZeebeCalledDecision?
    /// `zeebe:subscription correlationKey` (on a message).
    public var correlationKey: String?
    /// Where the `zeebe:subscription` element starts, when there is one.
    public var correlationKeyLocation: SourceLocation?
    /// `zeebe:loopCharacteristics inputCollection inputElement outputCollection outputElement`.
    public var loopCharacteristics: ZeebeLoopCharacteristics?
    /// `zeebe:script expression resultVariable`.
    public var script: ZeebeScript?
    /// `zeebe:versionTag value` (on a process).
    public var versionTag: String?
    /// Where the `zeebe:versionTag` element starts, when there is one.
    public var versionTagLocation: SourceLocation?
    /// `zeebe:executionListeners/executionListener eventType type retries`.
    public var executionListeners: [ZeebeListener]
    /// `zeebe:taskListeners/taskListener eventType type retries`.
    public var taskListeners: [ZeebeListener]
    /// `zeebe:properties/property name value`.
    public var properties: [ZeebeKeyValue]
    /// `zeebe:adHoc activeElementsCollection` (ad-hoc sub-process).
    public var adHocActiveElementsCollection: String?
    /// `zeebe:adHoc outputCollection`: the variable that collects each activated element's `outputElement`.
    public var adHocOutputCollection: String?
    /// `zeebe:adHoc outputElement` (FEEL): what each activated element adds to `adHocOutputCollection`.
    public var adHocOutputElement: String?
    /// Where the `zeebe:adHoc` element starts, when there is one.
    public var adHocLocation: SourceLocation?

    /// Creates empty Zeebe extensions.
    public init() {
        taskHeaders = []
        inputs = []
        outputs = []
        isZeebeUserTask = false
        executionListeners = []
        taskListeners = []
        properties = []
    }
}

/// `zeebe:taskDefinition`.
public struct ZeebeTaskDefinition: Sendable, Hashable, Codable {
    /// `type`: the job type (≈ Camunda 7 topic); may be a FEEL expression.
    public var type: String?
    /// `retries` (default 3), verbatim (may be an expression).
    public var retries: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a task definition.
    public init(type: String?, retries: String? = nil, location: SourceLocation = .start) {
        self.type = type
        self.retries = retries
        self.location = location
    }
}

/// A key/value pair (`zeebe:header`, `zeebe:property`).
public struct ZeebeKeyValue: Sendable, Hashable, Codable {
    /// `key` or `name`.
    public var key: String
    /// `value`.
    public var value: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a pair.
    public init(key: String, value: String?, location: SourceLocation = .start) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// `zeebe:input` or `zeebe:output`.
public struct ZeebeMapping: Sendable, Hashable, Codable {
    /// `source` (a FEEL expression with a leading `=`, or a static value).
    public var source: String?
    /// `target`: the variable name.
    public var target: String
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a mapping.
    public init(source: String?, target: String, location: SourceLocation = .start) {
        self.source = source
        self.target = target
        self.location = location
    }
}

/// `zeebe:assignmentDefinition`.
public struct ZeebeAssignment: Sendable, Hashable, Codable {
    /// `assignee`.
    public var assignee: String?
    /// `candidateGroups` (a comma list or a FEEL expression), verbatim.
    public var candidateGroups: String?
    /// `candidateUsers`, verbatim.
    public var candidateUsers: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an assignment.
    public init(
        assignee: String? = nil, candidateGroups: String? = nil, candidateUsers: String? = nil,
        location: SourceLocation = .start
    ) {
        self.assignee = assignee
        self.candidateGroups = candidateGroups
        self.candidateUsers = candidateUsers
        self.location = location
    }
}

/// `zeebe:formDefinition`.
public struct ZeebeForm: Sendable, Hashable, Codable {
    /// `formKey`.
    public var formKey: String?
    /// `formId`.
    public var formID: String?
    /// `externalReference`.
    public var externalReference: String?
    /// `bindingType`.
    public var bindingType: String?
    /// `versionTag`.
    public var versionTag: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a form definition.
    public init(
        formKey: String? = nil, formID: String? = nil, externalReference: String? = nil, bindingType: String? = nil,
        versionTag: String? = nil, location: SourceLocation = .start
    ) {
        self.formKey = formKey
        self.formID = formID
        self.externalReference = externalReference
        self.bindingType = bindingType
        self.versionTag = versionTag
        self.location = location
    }
}

/// `zeebe:calledElement`.
public struct ZeebeCalledElement: Sendable, Hashable, Codable {
    /// `processId` (may be a FEEL expression).
    public var processID: String?
    /// `propagateAllChildVariables` (default true).
    public var propagateAllChildVariables: Bool?
    /// `propagateAllParentVariables` (default true).
    public var propagateAllParentVariables: Bool?
    /// `bindingType` (`latest`, `deployment`, `versionTag`).
    public var bindingType: String?
    /// `versionTag`.
    public var versionTag: String?
    /// `businessId`: the business id of the child instance (a static value or a FEEL expression).
    public var businessID: String?
    /// Any other attribute of the element (such as `processIdExpression` from older modelers), verbatim.
    public var otherAttributes: [XMLAttribute]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a called element.
    public init(
        processID: String?, propagateAllChildVariables: Bool? = nil, propagateAllParentVariables: Bool? = nil,
        bindingType: String? = nil, versionTag: String? = nil, businessID: String? = nil,
        otherAttributes: [XMLAttribute] = [], location: SourceLocation = .start
    ) {
        self.processID = processID
        self.propagateAllChildVariables = propagateAllChildVariables
        self.propagateAllParentVariables = propagateAllParentVariables
        self.bindingType = bindingType
        self.versionTag = versionTag
        self.businessID = businessID
        self.otherAttributes = otherAttributes
        self.location = location
    }
}

/// `zeebe:calledDecision`.
public struct ZeebeCalledDecision: Sendable, Hashable, Codable {
    /// `decisionId`.
    public var decisionID: String?
    /// `resultVariable`.
    public var resultVariable: String?
    /// `bindingType`.
    public var bindingType: String?
    /// `versionTag`.
    public var versionTag: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a called decision.
    public init(
        decisionID: String?, resultVariable: String? = nil, bindingType: String? = nil, versionTag: String? = nil,
        location: SourceLocation = .start
    ) {
        self.decisionID = decisionID
        self.resultVariable = resultVariable
        self.bindingType = bindingType
        self.versionTag = versionTag
        self.location = location
    }
}

/// `zeebe:loopCharacteristics`.
public struct ZeebeLoopCharacteristics: Sendable, Hashable, Codable {
    /// `inputCollection` (FEEL).
    public var inputCollection: String?
    /// `inputElement`.
    public var inputElement: String?
    /// `outputCollection`.
    public var outputCollection: String?
    /// `outputElement` (FEEL).
    public var outputElement: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates loop characteristics.
    public init(
        inputCollection: String? = nil, inputElement: String? = nil, outputCollection: String? = nil,
        outputElement: String? = nil, location: SourceLocation = .start
    ) {
        self.inputCollection = inputCollection
        self.inputElement = inputElement
        self.outputCollection = outputCollection
        self.outputElement = outputElement
        self.location = location
    }
}

/// `zeebe:script`.
public struct ZeebeScript: Sendable, Hashable, Codable {
    /// `expression` (FEEL).
    public var expression: String?
    /// `resultVariable`.
    public var resultVariable: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a script.
    public init(expression: String?, resultVariable: String?, location: SourceLocation = .start) {
        self.expression = expression
        self.resultVariable = resultVariable
        self.location = location
    }
}

/// `zeebe:executionListener` or `zeebe:taskListener`.
public struct ZeebeListener: Sendable, Hashable, Codable {
    /// `eventType` (`start`, `end`, `creating`, `assigning`, `completing`, …).
    public var eventType: String?
    /// `type`: the job type of the listener.
    public var type: String?
    /// `retries`.
    public var retries: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a listener.
    public init(eventType: String?, type: String?, retries: String? = nil, location: SourceLocation = .start) {
        self.eventType = eventType
        self.type = type
        self.retries = retries
        self.location = location
    }
}
