/// A `dataObject` in a process or sub-process.
public struct DataObject: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// `itemSubjectRef`.
    public var itemSubjectRef: ElementID?
    /// `isCollection`.
    public var isCollection: Bool
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a data object.
    public init(
        id: ElementID, name: String? = nil, itemSubjectRef: ElementID? = nil, isCollection: Bool = false,
        location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.itemSubjectRef = itemSubjectRef
        self.isCollection = isCollection
        self.location = location
    }
}

/// A `dataObjectReference` or `dataStoreReference` drawn in a process.
public struct DataReference: Sendable, Hashable, Codable {
    /// Which kind of reference this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `dataObjectReference` (refers to a `dataObject` through `dataObjectRef`).
        case dataObject
        /// `dataStoreReference` (refers to a `dataStore` through `dataStoreRef`).
        case dataStore
    }

    /// The id.
    public var id: ElementID
    /// The name.
    public var name: String?
    /// The kind.
    public var kind: Kind
    /// `dataObjectRef` or `dataStoreRef`.
    public var reference: ElementID?
    /// `itemSubjectRef`.
    public var itemSubjectRef: ElementID?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a reference.
    public init(
        id: ElementID, name: String? = nil, kind: Kind, reference: ElementID? = nil, itemSubjectRef: ElementID? = nil,
        location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.reference = reference
        self.itemSubjectRef = itemSubjectRef
        self.location = location
    }
}

/// An artifact: a `textAnnotation`, `group` or `association`.
public struct Artifact: Sendable, Hashable, Codable {
    /// The artifact itself.
    public enum Kind: Sendable, Hashable, Codable {
        /// `textAnnotation` with its `text`.
        case textAnnotation(text: String?, textFormat: String?)
        /// `group` with its `categoryValueRef`.
        case group(categoryValueRef: ElementID?)
        /// `association` between two elements; `direction` is `None`, `One` or `Both`.
        case association(sourceRef: ElementID?, targetRef: ElementID?, direction: String?)
    }

    /// The id.
    public var id: ElementID
    /// The artifact itself.
    public var kind: Kind
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an artifact.
    public init(id: ElementID, kind: Kind, location: SourceLocation = .start) {
        self.id = id
        self.kind = kind
        self.location = location
    }
}
