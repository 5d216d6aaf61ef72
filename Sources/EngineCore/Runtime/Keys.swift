/// The key of one element instance (a token at a flow node, or a scope such as the process instance itself).
/// Keys are numbered per process instance from 1 (the process instance) in the order they are created.
public struct ElementInstanceKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The number.
    public var rawValue: Int
    /// Creates a key.
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    /// Orders by creation.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    /// The number.
    public var description: String { String(rawValue) }
}

/// The key of an open event subscription (timer, message, signal).
public struct SubscriptionKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The number (from the same sequence as element instance keys).
    public var rawValue: Int
    /// Creates a key.
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    /// Orders by creation.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    /// The number.
    public var description: String { String(rawValue) }
}

/// The key of an incident.
public struct IncidentKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The number (from the same sequence as element instance keys).
    public var rawValue: Int
    /// Creates a key.
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    /// Orders by creation.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    /// The number.
    public var description: String { String(rawValue) }
}
