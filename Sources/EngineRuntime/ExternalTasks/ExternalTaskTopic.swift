import Expressions

/// One topic of a fetch-and-lock request: which tasks a worker takes, how long it keeps them and what it reads.
public struct ExternalTaskTopic: Sendable, Hashable {
    /// The topic name tasks are fetched by.
    public var topicName: String
    /// How long a fetched task stays locked, in milliseconds (> 0).
    public var lockDuration: Int64
    /// The variables to return: nil for all, an empty list for none.
    public var variables: [String]?
    /// Only the task's own (local) variables instead of its whole scope chain.
    public var localVariables: Bool
    /// Only tasks of instances with this business key.
    public var businessKey: String?
    /// Only tasks of these process definitions (ids); nil for any.
    public var processDefinitionIDs: [String]?
    /// Only tasks of these process definition keys; nil for any.
    public var processDefinitionKeys: [String]?
    /// Only tasks whose instance has these process-scope variables with equal values.
    public var processVariables: [String: Value]

    /// Creates a topic request.
    public init(
        topicName: String, lockDuration: Int64, variables: [String]? = nil, localVariables: Bool = false,
        businessKey: String? = nil, processDefinitionIDs: [String]? = nil, processDefinitionKeys: [String]? = nil,
        processVariables: [String: Value] = [:]
    ) {
        self.topicName = topicName
        self.lockDuration = lockDuration
        self.variables = variables
        self.localVariables = localVariables
        self.businessKey = businessKey
        self.processDefinitionIDs = processDefinitionIDs
        self.processDefinitionKeys = processDefinitionKeys
        self.processVariables = processVariables
    }
}
