/// Zeebe (Camunda 8) extension data on one element.
public struct ZeebeExtensions: Sendable, Hashable, Codable {
    /// Creates empty Zeebe extensions.
    public init() {}
}
