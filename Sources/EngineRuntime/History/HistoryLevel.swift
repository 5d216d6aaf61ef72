import EngineCore

/// How much the engine writes to `history_events` (docs/history.md): everything (`full`, the default) or only each
/// instance's start and end (`reduced`). The hash chain covers whatever is written.
public enum HistoryLevel: String, Sendable, Hashable, CaseIterable {
    /// Every event.
    case full
    /// Only `instanceCreated` and the end of the process instance itself (`elementCompleted` or
    /// `elementTerminated` of the process); the other events of commands and the runtime's own rows (suspension,
    /// task and external task operations) are not written.
    case reduced

    /// Parses `full` or `reduced` (configuration, `--history-level`, `BATON_HISTORY_LEVEL`).
    public init(parsing text: String) throws(HistoryLevelError) {
        guard let level = HistoryLevel(rawValue: text.lowercased()) else {
            throw HistoryLevelError(
                "unknown history level '\(text)': expected \(Self.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        self = level
    }

    /// Whether an event of a command is written at this level.
    func records(_ event: InstanceEvent) -> Bool {
        switch self {
        case .full:
            return true
        case .reduced:
            switch event {
            case .instanceCreated: return true
            case .elementCompleted(_, let node), .elementTerminated(_, let node): return node == .process
            default: return false
            }
        }
    }

    /// Whether the runtime's own history rows (operator and worker actions outside the core's events) are written.
    var recordsRuntimeEvents: Bool { self == .full }
}

/// A history level that is not one of `full` and `reduced`.
public struct HistoryLevelError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
