/// `<camunda:errorEventDefinition>` on an external task: when `expression` is true on completion or failure, throw
/// the BPMN error named by `errorRef`.
public struct CamundaErrorEventDefinition: Sendable, Hashable, Codable {
    /// `id`.
    public var id: ElementID?
    /// `errorRef`: a top-level `bpmn:error`.
    public var errorRef: ElementID?
    /// `expression`.
    public var expression: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates one.
    public init(id: ElementID?, errorRef: ElementID?, expression: String?, location: SourceLocation = .start) {
        self.id = id
        self.errorRef = errorRef
        self.expression = expression
        self.location = location
    }
}

/// `<camunda:connector>`: a built-in connector call (Baton runs `http-connector`).
public struct CamundaConnector: Sendable, Hashable, Codable {
    /// `<camunda:connectorId>`.
    public var connectorID: String?
    /// The connector's input parameters.
    public var inputParameters: [CamundaParameter]
    /// The connector's output parameters.
    public var outputParameters: [CamundaParameter]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a connector.
    public init(
        connectorID: String?, inputParameters: [CamundaParameter] = [], outputParameters: [CamundaParameter] = [],
        location: SourceLocation = .start
    ) {
        self.connectorID = connectorID
        self.inputParameters = inputParameters
        self.outputParameters = outputParameters
        self.location = location
    }
}

/// An `inputParameter` or `outputParameter` of `<camunda:inputOutput>`.
public struct CamundaParameter: Sendable, Hashable, Codable {
    /// `name`: the variable it sets.
    public var name: String
    /// Its value.
    public var value: CamundaParameterValue
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a parameter.
    public init(name: String, value: CamundaParameterValue, location: SourceLocation = .start) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// The value of a Camunda input/output parameter, list item or map entry.
public indirect enum CamundaParameterValue: Sendable, Hashable, Codable {
    /// No content: the variable is set to null.
    case null
    /// Text content, which may be or contain an expression (`${…}`).
    case text(String)
    /// `<camunda:list>` of values.
    case list([CamundaParameterValue])
    /// `<camunda:map>` of `<camunda:entry key>` values, in document order.
    case map([CamundaMapEntry])
    /// `<camunda:script scriptFormat [resource]>` (cannot run unless the format is an expression language).
    case script(CamundaScript)
}

/// One `<camunda:entry key="…">` of a `<camunda:map>`.
public struct CamundaMapEntry: Sendable, Hashable, Codable {
    /// `key`.
    public var key: String
    /// The entry's value.
    public var value: CamundaParameterValue
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an entry.
    public init(key: String, value: CamundaParameterValue, location: SourceLocation = .start) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// `<camunda:script>`.
public struct CamundaScript: Sendable, Hashable, Codable {
    /// `scriptFormat` (e.g. `groovy`, `javascript`, `juel`).
    public var scriptFormat: String?
    /// `resource`, when the script lives in a deployment resource.
    public var resource: String?
    /// The inline script text.
    public var body: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a script.
    public init(scriptFormat: String?, resource: String? = nil, body: String? = nil, location: SourceLocation = .start)
    {
        self.scriptFormat = scriptFormat
        self.resource = resource
        self.body = body
        self.location = location
    }
}

/// One `<camunda:property name value>` (also a form field's `<camunda:value id name>` and
/// `<camunda:constraint name config>`).
public struct CamundaProperty: Sendable, Hashable, Codable {
    /// `name`.
    public var name: String
    /// `value`.
    public var value: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a property.
    public init(name: String, value: String?, location: SourceLocation = .start) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// One `<camunda:field name>` injection into a Java delegate or listener. Camunda 7 injects a string value as a
/// fixed string and evaluates an expression value on every call, so the two are kept apart.
public struct CamundaField: Sendable, Hashable, Codable {
    /// `name`: the field of the delegate that receives the value.
    public var name: String
    /// The value: from `stringValue` or `<camunda:string>`, else from `expression` or `<camunda:expression>`.
    public var value: CamundaFieldValue
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a field injection.
    public init(name: String, value: CamundaFieldValue, location: SourceLocation = .start) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// The value of a `<camunda:field>`.
public enum CamundaFieldValue: Sendable, Hashable, Codable {
    /// `stringValue="…"` or `<camunda:string>…</camunda:string>`: a fixed string, verbatim.
    case string(String)
    /// `expression="…"` or `<camunda:expression>…</camunda:expression>`: a JUEL expression, verbatim.
    case expression(String)
}

/// A `<camunda:executionListener>` or `<camunda:taskListener>`.
public struct CamundaListener: Sendable, Hashable, Codable {
    /// `event` (`start`, `end`, `take`, `create`, `assignment`, `complete`, `delete`, `update`, `timeout`).
    public var event: String?
    /// `class` (Java; cannot run).
    public var className: String?
    /// `expression`.
    public var expression: String?
    /// `delegateExpression` (Java bean; cannot run).
    public var delegateExpression: String?
    /// A `<camunda:script>` child.
    public var script: CamundaScript?
    /// `<camunda:field>` injections, in document order.
    public var fields: [CamundaField]
    /// Task listeners with event `timeout`: the `timerEventDefinition` child, as written.
    public var timeout: TimerDefinition?
    /// Any other attribute of the listener element (such as the `id` the modeler gives a timeout task listener),
    /// verbatim.
    public var otherAttributes: [XMLAttribute]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a listener.
    public init(
        event: String?, className: String? = nil, expression: String? = nil, delegateExpression: String? = nil,
        script: CamundaScript? = nil, fields: [CamundaField] = [], timeout: TimerDefinition? = nil,
        otherAttributes: [XMLAttribute] = [], location: SourceLocation = .start
    ) {
        self.event = event
        self.className = className
        self.expression = expression
        self.delegateExpression = delegateExpression
        self.script = script
        self.fields = fields
        self.timeout = timeout
        self.otherAttributes = otherAttributes
        self.location = location
    }
}

/// `<camunda:formField>` of `<camunda:formData>`.
public struct CamundaFormField: Sendable, Hashable, Codable {
    /// `id`: the variable name.
    public var id: String
    /// `label`.
    public var label: String?
    /// `type` (`string`, `long`, `boolean`, `date`, `enum`, …).
    public var type: String?
    /// `defaultValue`.
    public var defaultValue: String?
    /// `datePattern`.
    public var datePattern: String?
    /// `<camunda:value id name>` options of an enum field.
    public var values: [CamundaProperty]
    /// `<camunda:validation><camunda:constraint name config>` constraints.
    public var constraints: [CamundaProperty]
    /// `<camunda:properties>` of the field.
    public var properties: [CamundaProperty]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a form field.
    public init(
        id: String, label: String? = nil, type: String? = nil, defaultValue: String? = nil, datePattern: String? = nil,
        values: [CamundaProperty] = [], constraints: [CamundaProperty] = [], properties: [CamundaProperty] = [],
        location: SourceLocation = .start
    ) {
        self.id = id
        self.label = label
        self.type = type
        self.defaultValue = defaultValue
        self.datePattern = datePattern
        self.values = values
        self.constraints = constraints
        self.properties = properties
        self.location = location
    }
}

/// `<camunda:in>` or `<camunda:out>` of a call activity (or a signal/message throw for `in`).
public struct CamundaVariableMapping: Sendable, Hashable, Codable {
    /// `source`: a variable name in the giving scope.
    public var source: String?
    /// `sourceExpression`: an expression evaluated in the giving scope.
    public var sourceExpression: String?
    /// `target`: the variable name in the receiving scope.
    public var target: String?
    /// `variables="all"`: pass every variable.
    public var allVariables: Bool
    /// `businessKey`: the business key to pass (an expression).
    public var businessKey: String?
    /// `local="true"`: only local variables.
    public var local: Bool
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a mapping.
    public init(
        source: String? = nil, sourceExpression: String? = nil, target: String? = nil, allVariables: Bool = false,
        businessKey: String? = nil, local: Bool = false, location: SourceLocation = .start
    ) {
        self.source = source
        self.sourceExpression = sourceExpression
        self.target = target
        self.allVariables = allVariables
        self.businessKey = businessKey
        self.local = local
        self.location = location
    }
}
