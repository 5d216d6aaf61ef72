/// Keeps a large, usually absent value out of line, so the structs that hold it stay small: a `FlowNode` carries
/// Camunda and Zeebe extension data for every element, but most elements have little or none. Absent values cost
/// one pointer and no allocation; present ones live in an immutable box, replaced (never mutated) on write.
@propertyWrapper
public struct IndirectOptional<Wrapped: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    private final class Box: Sendable {
        let value: Wrapped

        init(_ value: Wrapped) {
            self.value = value
        }
    }

    private var box: Box?

    /// Creates the wrapper around a value (or nil).
    public init(wrappedValue: Wrapped?) {
        box = wrappedValue.map(Box.init)
    }

    /// The value, or nil.
    public var wrappedValue: Wrapped? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.wrappedValue == rhs.wrappedValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(wrappedValue)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: container.decodeNil() ? nil : try container.decode(Wrapped.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// Decodes an absent key as nil, as Codable does for plain optionals.
    public func decode<Wrapped>(
        _ type: IndirectOptional<Wrapped>.Type, forKey key: Key
    ) throws -> IndirectOptional<Wrapped> {
        try decodeIfPresent(type, forKey: key) ?? IndirectOptional(wrappedValue: nil)
    }
}
