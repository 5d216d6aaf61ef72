/// A `message` declared at the top level.
public struct Message: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name (what correlation matches on in Camunda 7).
    public var name: String?
    /// `itemRef`.
    public var itemRef: ElementID?
    /// Vendor extensions (e.g. `zeebe:subscription`).
    public var extensions: Extensions
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a message.
    public init(
        id: ElementID, name: String? = nil, itemRef: ElementID? = nil, extensions: Extensions = Extensions(),
        location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.itemRef = itemRef
        self.extensions = extensions
        self.location = location
    }
}

/// A `signal` declared at the top level.
public struct Signal: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name (what broadcasts match on).
    public var name: String?
    /// `structureRef`.
    public var structureRef: ElementID?
    /// Vendor extensions.
    public var extensions: Extensions
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a signal.
    public init(
        id: ElementID, name: String? = nil, structureRef: ElementID? = nil, extensions: Extensions = Extensions(),
        location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.structureRef = structureRef
        self.extensions = extensions
        self.location = location
    }
}

/// A BPMN `error` declared at the top level.
public struct BPMNError: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `errorCode`: what thrown errors are matched on.
    public var errorCode: String?
    /// `structureRef`.
    public var structureRef: ElementID?
    /// Camunda's `errorMessage`.
    public var errorMessage: String?
    /// Vendor extensions.
    public var extensions: Extensions
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an error.
    public init(
        id: ElementID, name: String? = nil, errorCode: String? = nil, structureRef: ElementID? = nil,
        errorMessage: String? = nil, extensions: Extensions = Extensions(), location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.errorCode = errorCode
        self.structureRef = structureRef
        self.errorMessage = errorMessage
        self.extensions = extensions
        self.location = location
    }
}

/// An `escalation` declared at the top level.
public struct Escalation: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `escalationCode`.
    public var escalationCode: String?
    /// `structureRef`.
    public var structureRef: ElementID?
    /// Vendor extensions.
    public var extensions: Extensions
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an escalation.
    public init(
        id: ElementID, name: String? = nil, escalationCode: String? = nil, structureRef: ElementID? = nil,
        extensions: Extensions = Extensions(), location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.escalationCode = escalationCode
        self.structureRef = structureRef
        self.extensions = extensions
        self.location = location
    }
}

/// An `itemDefinition` declared at the top level.
public struct ItemDefinition: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// `structureRef` (a type name, kept verbatim).
    public var structureRef: String?
    /// `itemKind` (`Information` or `Physical`).
    public var itemKind: String?
    /// `isCollection`.
    public var isCollection: Bool
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an item definition.
    public init(
        id: ElementID, structureRef: String? = nil, itemKind: String? = nil, isCollection: Bool = false,
        location: SourceLocation = .start
    ) {
        self.id = id
        self.structureRef = structureRef
        self.itemKind = itemKind
        self.isCollection = isCollection
        self.location = location
    }
}

/// A `dataStore` declared at the top level.
public struct DataStore: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `capacity`.
    public var capacity: Int?
    /// `isUnlimited`, default true.
    public var isUnlimited: Bool
    /// `itemSubjectRef`.
    public var itemSubjectRef: ElementID?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a data store.
    public init(
        id: ElementID, name: String? = nil, capacity: Int? = nil, isUnlimited: Bool = true,
        itemSubjectRef: ElementID? = nil, location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.capacity = capacity
        self.isUnlimited = isUnlimited
        self.itemSubjectRef = itemSubjectRef
        self.location = location
    }
}

/// A `category` and its `categoryValue`s (what groups point at).
public struct Category: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// The values as (id, value).
    public var values: [CategoryValue]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a category.
    public init(id: ElementID, name: String? = nil, values: [CategoryValue] = [], location: SourceLocation = .start) {
        self.id = id
        self.name = name
        self.values = values
        self.location = location
    }
}

/// A `categoryValue`.
public struct CategoryValue: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The `value` attribute.
    public var value: String?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a category value.
    public init(id: ElementID, value: String? = nil, location: SourceLocation = .start) {
        self.id = id
        self.value = value
        self.location = location
    }
}
