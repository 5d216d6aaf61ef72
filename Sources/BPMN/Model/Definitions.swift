/// A BPMN document: the `definitions` root and everything in it.
public struct Definitions: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// The name.
    public var name: String?
    /// `targetNamespace` (required by the schema, but often missing in the wild).
    public var targetNamespace: String?
    /// `exporter`: the tool that wrote the file.
    public var exporter: String?
    /// `exporterVersion`.
    public var exporterVersion: String?
    /// `expressionLanguage` (default XPath per the spec; Camunda models usually omit it).
    public var expressionLanguage: String?
    /// `typeLanguage`.
    public var typeLanguage: String?
    /// `process` root elements.
    public var processes: [Process]
    /// `collaboration` root elements.
    public var collaborations: [Collaboration]
    /// `message` root elements.
    public var messages: [Message]
    /// `signal` root elements.
    public var signals: [Signal]
    /// `error` root elements.
    public var errors: [BPMNError]
    /// `escalation` root elements.
    public var escalations: [Escalation]
    /// `itemDefinition` root elements.
    public var itemDefinitions: [ItemDefinition]
    /// `dataStore` root elements.
    public var dataStores: [DataStore]
    /// `category` root elements.
    public var categories: [Category]
    /// Event definitions declared at the top level (targets of `eventDefinitionRef`).
    public var eventDefinitions: [EventDefinition]
    /// `import` children as (namespace, location, importType).
    public var imports: [Import]
    /// Other root elements (interfaces, resources, choreographies, …) and unknown children, verbatim.
    public var otherElements: [XMLFragment]
    /// `BPMNDiagram` children.
    public var diagrams: [Diagram]
    /// Vendor extensions on the root.
    public var extensions: Extensions
    /// Where the root starts.
    public var location: SourceLocation

    /// Creates definitions.
    public init(
        id: ElementID? = nil, name: String? = nil, targetNamespace: String? = nil, exporter: String? = nil,
        exporterVersion: String? = nil, expressionLanguage: String? = nil, typeLanguage: String? = nil,
        processes: [Process] = [], collaborations: [Collaboration] = [], messages: [Message] = [],
        signals: [Signal] = [], errors: [BPMNError] = [], escalations: [Escalation] = [],
        itemDefinitions: [ItemDefinition] = [], dataStores: [DataStore] = [], categories: [Category] = [],
        eventDefinitions: [EventDefinition] = [], imports: [Import] = [], otherElements: [XMLFragment] = [],
        diagrams: [Diagram] = [], extensions: Extensions = Extensions(), location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.targetNamespace = targetNamespace
        self.exporter = exporter
        self.exporterVersion = exporterVersion
        self.expressionLanguage = expressionLanguage
        self.typeLanguage = typeLanguage
        self.processes = processes
        self.collaborations = collaborations
        self.messages = messages
        self.signals = signals
        self.errors = errors
        self.escalations = escalations
        self.itemDefinitions = itemDefinitions
        self.dataStores = dataStores
        self.categories = categories
        self.eventDefinitions = eventDefinitions
        self.imports = imports
        self.otherElements = otherElements
        self.diagrams = diagrams
        self.extensions = extensions
        self.location = location
    }
}

/// An `import` of another document.
public struct Import: Sendable, Hashable, Codable {
    /// `namespace`.
    public var namespace: String?
    /// `location`.
    public var documentLocation: String?
    /// `importType`.
    public var importType: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an import.
    public init(namespace: String?, documentLocation: String?, importType: String?, location: SourceLocation = .start) {
        self.namespace = namespace
        self.documentLocation = documentLocation
        self.importType = importType
        self.location = location
    }
}
