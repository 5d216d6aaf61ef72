/// Who asked for a command, recorded with its history events.
public struct CommandOrigin: Sendable, Hashable {
    /// The user id, or nil for the engine itself and anonymous callers.
    public var actor: String?

    /// Creates an origin.
    public init(actor: String? = nil) { self.actor = actor }

    /// The engine itself (timers, signals, called processes).
    public static let engine = CommandOrigin()
}

/// A process instance after a command.
public struct InstanceSummary: Sendable, Hashable {
    /// The instance id.
    public var id: String
    /// The definition id.
    public var definitionID: String
    /// The definition key.
    public var definitionKey: String
    /// The business key.
    public var businessKey: String?
    /// `active`, `completed` or `terminated`.
    public var state: String
    /// Whether any incident is open.
    public var hasIncident: Bool
}
