/// Camunda 7 extension data on one element (also read from the Operaton and legacy Activiti URIs).
public struct CamundaExtensions: Sendable, Hashable, Codable {
    /// Creates empty Camunda extensions.
    public init() {}
}
