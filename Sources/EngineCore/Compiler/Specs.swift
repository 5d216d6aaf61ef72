import BPMN
import Expressions

/// A message a node waits for or sends: its name and, for Zeebe models, the correlation key.
public struct MessageSpec: Sendable {
    /// The message name (may be an expression).
    public let name: CompiledExpression
    /// `zeebe:subscription correlationKey`, evaluated when the subscription opens.
    public let correlationKey: CompiledExpression?
}

/// A timer: which kind of definition and its text (parsed once when it is a literal).
public struct TimerSpec: Sendable {
    /// `timeDate`, `timeDuration` or `timeCycle`.
    public let source: TimerSchedule.Source
    /// The text, possibly an expression that yields the text.
    public let text: CompiledExpression
    /// The schedule, when the text is a literal.
    public let schedule: TimerSchedule?
}

/// How a user task is assigned and scheduled; each field may be an expression.
public struct UserTaskSpec: Sendable {
    /// The assignee.
    public let assignee: CompiledExpression?
    /// Candidate users (each entry may yield a comma-separated list or a list).
    public let candidateUsers: [CompiledExpression]
    /// Candidate groups (each entry may yield a comma-separated list or a list).
    public let candidateGroups: [CompiledExpression]
    /// The due date (ISO 8601 date-time, or a duration from now).
    public let dueDate: CompiledExpression?
    /// The follow-up date.
    public let followUpDate: CompiledExpression?
    /// The priority (integer; Camunda's default is 50).
    public let priority: CompiledExpression?
    /// The form key.
    public let formKey: CompiledExpression?
    /// The description: the element's documentation, a JUEL template when it holds `${…}` (as in Camunda).
    public var description: CompiledExpression? = nil
}

/// A task served by an external worker.
public struct ExternalTaskSpec: Sendable {
    /// The topic (may be an expression).
    public let topic: CompiledExpression
    /// The priority (may be an expression; default 0).
    public let priority: CompiledExpression?
    /// Retries (Zeebe `retries`), when the model says.
    public let retries: CompiledExpression?
}

/// A service task that calls the HTTP connector.
public struct ConnectorSpec: Sendable {
    /// The connector id (`http-connector`).
    public let connectorID: String
    /// Connector input parameters (url, method, headers, payload).
    public let inputs: [VariableMapping]
    /// Connector output parameters, evaluated against the response variables.
    public let outputs: [VariableMapping]
}

/// A call activity: which process to call and how variables pass in and out.
public struct CallActivitySpec: Sendable {
    /// The called process id (may be an expression).
    public let calledElement: CompiledExpression
    /// `camunda:calledElementBinding` (latest, deployment, version, versionTag).
    public let binding: String?
    /// `camunda:calledElementVersion` / version tag.
    public let version: String?
    /// Variables passed to the called process.
    public let inMappings: [CallMapping]
    /// Variables passed back when it completes.
    public let outMappings: [CallMapping]
    /// Whether every variable passes in (`camunda:in variables="all"`, Zeebe `propagateAllParentVariables`).
    public let passAllIn: Bool
    /// Whether every variable passes out (`camunda:out variables="all"`, Zeebe `propagateAllChildVariables`).
    public let passAllOut: Bool
    /// The business key passed in (`camunda:in businessKey="…"`).
    public let businessKey: CompiledExpression?
}

/// One `camunda:in`/`camunda:out` mapping: a source variable or expression, and the target name.
public struct CallMapping: Sendable {
    /// The source variable name, when mapping a variable.
    public let source: String?
    /// The source expression, when mapping an expression.
    public let sourceExpression: CompiledExpression?
    /// The target variable name.
    public let target: String
}

/// One input or output mapping: the target variable and how its value is made.
public struct VariableMapping: Sendable {
    /// The variable to set.
    public let target: String
    /// How the value is made.
    public let value: MappingValue
}

/// The value of an input/output parameter: an expression or literal, a list or map of those, or null.
public indirect enum MappingValue: Sendable {
    /// No value (`null`).
    case null
    /// An expression or literal text.
    case expression(CompiledExpression)
    /// A list of values.
    case list([MappingValue])
    /// A map of values.
    case map([(String, MappingValue)])
}

/// Multi-instance characteristics.
public struct MultiInstanceSpec: Sendable {
    /// Sequential (one instance after another) or parallel.
    public let isSequential: Bool
    /// The number of instances, when given by cardinality.
    public let cardinality: CompiledExpression?
    /// The collection to iterate, when given by a collection.
    public let collection: CompiledExpression?
    /// The local variable holding each instance's element.
    public let elementVariable: String?
    /// The condition that ends the multi-instance early.
    public let completionCondition: CompiledExpression?
    /// The output collection variable (Zeebe `outputCollection`).
    public let outputCollection: String?
    /// The expression giving each instance's output element (Zeebe `outputElement`).
    public let outputElement: CompiledExpression?
}

/// A BPMN error thrown or caught by an event.
public struct ErrorSpec: Sendable {
    /// The error code; nil on a catching event catches every error.
    public let code: String?
    /// The error message (`errorMessage` of the error element).
    public let message: String?
    /// Catching events: the variable that receives the caught code (`camunda:errorCodeVariable`).
    public let codeVariable: String?
    /// Catching events: the variable that receives the caught message (`camunda:errorMessageVariable`).
    public let messageVariable: String?
}

/// An escalation thrown or caught by an event.
public struct EscalationSpec: Sendable {
    /// The escalation code; nil on a catching event catches every escalation.
    public let code: String?
    /// Catching events: the variable that receives the caught code (`camunda:escalationCodeVariable`).
    public let codeVariable: String?
}
