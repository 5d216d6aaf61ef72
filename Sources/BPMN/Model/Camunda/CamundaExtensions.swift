/// Camunda 7 extension data on one element (also read from the Operaton and legacy Activiti URIs): the attributes
/// and extension elements of `reference/camunda-rest-contract.md` §4 as typed fields. A field is nil (or empty) when
/// the element does not carry it.
public struct CamundaExtensions: Sendable, Hashable, Codable {
    /// Which URI the data came from (the first seen when an element mixes them).
    public var vocabulary: CamundaVocabulary

    // Service-like tasks (serviceTask, sendTask, businessRuleTask, message throw/end events)
    /// `camunda:type` (`external` makes an external task).
    public var type: String?
    /// `camunda:topic`: the external task topic (may be an expression).
    public var topic: String?
    /// `camunda:taskPriority`: external task priority (integer or expression).
    public var taskPriority: String?
    /// `camunda:class`: a Java delegate class (cannot run in Baton).
    public var className: String?
    /// `camunda:expression`: a JUEL expression to evaluate as the task's work.
    public var expression: String?
    /// `camunda:delegateExpression`: a JUEL expression naming a Java delegate bean (cannot run in Baton).
    public var delegateExpression: String?
    /// `camunda:resultVariable`.
    public var resultVariable: String?
    /// `<camunda:errorEventDefinition>` children of an external task.
    public var errorEventDefinitions: [CamundaErrorEventDefinition]
    /// `<camunda:connector>`.
    public var connector: CamundaConnector?
    /// `camunda:decisionRef` and friends on a businessRuleTask, verbatim as (name, value) pairs.
    public var decisionReference: [String: String]
    /// `<camunda:field>` injections written directly in the extension elements, for the Java delegate named by
    /// `camunda:class` or `camunda:delegateExpression`.
    public var fields: [CamundaField]

    // User tasks
    /// `camunda:assignee` (may be an expression).
    public var assignee: String?
    /// `camunda:candidateUsers`, split at commas.
    public var candidateUsers: [String]
    /// `camunda:candidateGroups`, split at commas.
    public var candidateGroups: [String]
    /// `camunda:dueDate`: a date, an ISO duration or an expression.
    public var dueDate: String?
    /// `camunda:followUpDate`: as `dueDate`.
    public var followUpDate: String?
    /// `camunda:priority` (integer or expression; Camunda's default is 50).
    public var priority: String?
    /// `camunda:formKey`.
    public var formKey: String?
    /// `camunda:formRef`.
    public var formRef: String?
    /// `camunda:formRefBinding` (`latest`, `deployment`, `version`).
    public var formRefBinding: String?
    /// `camunda:formRefVersion`.
    public var formRefVersion: String?
    /// `<camunda:formData>` fields (user tasks and start events).
    public var formFields: [CamundaFormField]
    /// The attributes of `<camunda:formData>` (such as `businessKey`, the field that holds the business key of a
    /// start form), verbatim and in document order.
    public var formDataAttributes: [XMLAttribute]

    // Continuations and jobs (activities, gateways, events)
    /// `camunda:asyncBefore` (or legacy `camunda:async`).
    public var asyncBefore: Bool?
    /// `camunda:asyncAfter`.
    public var asyncAfter: Bool?
    /// `camunda:exclusive` (Camunda's default is true).
    public var exclusive: Bool?
    /// `camunda:jobPriority`.
    public var jobPriority: String?
    /// `<camunda:failedJobRetryTimeCycle>`: `R3/PT10M` or `PT1M,PT5M,PT10M`.
    public var failedJobRetryTimeCycle: String?
    /// Where the `<camunda:failedJobRetryTimeCycle>` element starts, when there is one.
    public var failedJobRetryTimeCycleLocation: SourceLocation?

    // Data
    /// `<camunda:inputOutput>` input parameters.
    public var inputParameters: [CamundaParameter]
    /// `<camunda:inputOutput>` output parameters.
    public var outputParameters: [CamundaParameter]
    /// `<camunda:properties>`: static name/value pairs, in document order.
    public var properties: [CamundaProperty]

    // Listeners
    /// `<camunda:executionListener>` children.
    public var executionListeners: [CamundaListener]
    /// `<camunda:taskListener>` children.
    public var taskListeners: [CamundaListener]

    // Processes
    /// `camunda:versionTag`.
    public var versionTag: String?
    /// `camunda:historyTimeToLive` (days or `P180D`), verbatim.
    public var historyTimeToLive: String?
    /// `camunda:candidateStarterGroups`, split at commas.
    public var candidateStarterGroups: [String]
    /// `camunda:candidateStarterUsers`, split at commas.
    public var candidateStarterUsers: [String]
    /// `camunda:isStartableInTasklist` (default true).
    public var isStartableInTasklist: Bool?

    // Start events
    /// `camunda:initiator`: the variable that receives the starting user's id.
    public var initiator: String?

    // Call activities
    /// `camunda:calledElementBinding` (`latest`, `deployment`, `version`, `versionTag`).
    public var calledElementBinding: String?
    /// `camunda:calledElementVersion`.
    public var calledElementVersion: String?
    /// `camunda:calledElementVersionTag`.
    public var calledElementVersionTag: String?
    /// `camunda:calledElementTenantId`.
    public var calledElementTenantId: String?
    /// `camunda:variableMappingClass` / `variableMappingDelegateExpression` (Java; cannot run).
    public var variableMappingDelegate: String?
    /// `<camunda:in>` mappings.
    public var inMappings: [CamundaVariableMapping]
    /// `<camunda:out>` mappings.
    public var outMappings: [CamundaVariableMapping]

    // Multi-instance
    /// `camunda:collection`.
    public var collection: String?
    /// `camunda:elementVariable`.
    public var elementVariable: String?

    // Scripts
    /// `camunda:resource` on a script task: the script comes from a deployment resource.
    public var resource: String?

    // Error and signal/message details
    /// `camunda:errorCodeVariable` on an error event definition.
    public var errorCodeVariable: String?
    /// `camunda:errorMessageVariable` on an error event definition.
    public var errorMessageVariable: String?
    /// `camunda:escalationCodeVariable` on an escalation event definition.
    public var escalationCodeVariable: String?
    /// `camunda:async` on a signal event definition (throw asynchronously).
    public var signalAsync: Bool?

    /// Creates empty Camunda extensions for the given vocabulary.
    public init(vocabulary: CamundaVocabulary = .camunda) {
        self.vocabulary = vocabulary
        errorEventDefinitions = []
        decisionReference = [:]
        fields = []
        candidateUsers = []
        candidateGroups = []
        formFields = []
        formDataAttributes = []
        inputParameters = []
        outputParameters = []
        properties = []
        executionListeners = []
        taskListeners = []
        candidateStarterGroups = []
        candidateStarterUsers = []
        inMappings = []
        outMappings = []
    }
}

/// The namespace a Camunda 7 vocabulary came from.
public enum CamundaVocabulary: String, Sendable, Hashable, Codable {
    /// `http://camunda.org/schema/1.0/bpmn`.
    case camunda
    /// `http://operaton.org/schema/1.0/bpmn`.
    case operaton
    /// `http://activiti.org/bpmn` (legacy).
    case activiti
}
