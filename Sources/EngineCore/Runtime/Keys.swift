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

    /// Hashes the number.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// A cheap, well-mixed hash for dictionaries (SplitMix64's finaliser over the number and the seed). The keys
    /// are made by the engine, not by users, so the full SipHash that guards against chosen keys is not needed, and
    /// element-instance lookups are the interpreter's most frequent operation.
    public func _rawHashValue(seed: Int) -> Int {
        var mixed = UInt64(bitPattern: Int64(rawValue)) &+ UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 31))
    }
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
