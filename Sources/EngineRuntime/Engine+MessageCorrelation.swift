import BPMN
import EngineCore
import Expressions
import PostgresClient

/// A message to correlate with Camunda's options (`POST /message`).
public struct MessageCorrelation: Sendable {
    /// The message name.
    public var messageName: String
    /// Only instances with this business key; a started instance gets it.
    public var businessKey: String?
    /// Only this process instance (start events are then not considered).
    public var processInstanceID: String?
    /// Process variables a waiting instance must have with equal values (Camunda's `correlationKeys`; scalars compare
    /// by their text form, `null` by type, lists and maps as JSON). Start events ignore them.
    public var correlationKeys: [String: Value]
    /// Variables set on the process (Camunda's `processVariables`).
    public var variables: [String: Value]
    /// Every match (waiting instances and start events) instead of exactly one.
    public var all: Bool
    /// Whether each result carries its instance's process variables after the correlation.
    public var variablesInResult = false

    /// Creates a correlation.
    public init(
        messageName: String, businessKey: String? = nil, processInstanceID: String? = nil,
        correlationKeys: [String: Value] = [:], variables: [String: Value] = [:], all: Bool = false
    ) {
        self.messageName = messageName
        self.businessKey = businessKey
        self.processInstanceID = processInstanceID
        self.correlationKeys = correlationKeys
        self.variables = variables
        self.all = all
    }
}

/// What one correlation did (Camunda's `MessageCorrelationResultDto`).
public struct MessageCorrelationResult: Sendable, Hashable {
    /// `Execution`: a waiting instance received it; `ProcessDefinition`: a start event started an instance.
    public enum Kind: String, Sendable, Hashable {
        /// A waiting instance received the message.
        case execution = "Execution"
        /// A message start event started an instance.
        case processDefinition = "ProcessDefinition"
    }

    /// What happened.
    public var kind: Kind
    /// The instance (after the message).
    public var instance: InstanceSummary
    /// The instance's process-scope variables after the message, when asked for.
    public var variables: [String: Value]?
}

extension Engine {
    /// Correlates a message in one transaction: to the waiting instances matching the business key, instance id and
    /// correlation keys; when none waits (and no instance id was given), to message start events of the latest
    /// non-suspended definitions. Without `all`, exactly one target must match.
    ///
    /// - Throws: `.correlationFailed` when nothing matches (without `all`) or more than one target does;
    ///   `.rejected` for an empty message name.
    public func correlate(
        _ message: MessageCorrelation, origin: CommandOrigin = .engine
    ) async throws -> [MessageCorrelationResult] {
        guard !message.messageName.isEmpty else { throw EngineError.rejected("No message name supplied") }
        let now = clock.now()
        return try await transaction { connection in
            let waiting = try Self.waitingInstances(message, on: connection)
            let name = message.messageName
            if !message.all, waiting.count > 1 {
                throw EngineError.correlationFailed(
                    "Cannot correlate a message with name '\(name)' to a single execution. \(waiting.count) "
                        + "executions match the correlation keys")
            }
            var starts: [InstanceTransaction.Pending] = []
            if message.processInstanceID == nil, message.all || waiting.isEmpty {
                starts = try StartSubscriptions.starts(
                    kind: "message", name: name, variables: message.variables, actor: origin.actor,
                    businessKey: message.businessKey, on: connection)
            }
            if !message.all, starts.count > 1 {
                throw EngineError.correlationFailed(
                    "Cannot correlate message '\(name)': \(starts.count) process definitions start with it")
            }
            if waiting.isEmpty, starts.isEmpty, !message.all {
                throw EngineError.correlationFailed(
                    "Cannot correlate message '\(name)': No process definition or execution matches the parameters")
            }
            let run = InstanceTransaction(engine: self, connection: connection, origin: origin, now: now)
            var results: [MessageCorrelationResult] = []
            for instanceID in waiting {
                let summary = try run.run(
                    .init(
                        target: .existing(instanceID),
                        command: .correlateMessage(name: name, correlationKey: nil, variables: message.variables),
                        isPrimary: true, name: "correlateMessage"))
                results.append(.init(kind: .execution, instance: summary))
            }
            for var start in starts {
                start.isPrimary = true
                results.append(.init(kind: .processDefinition, instance: try run.run(start)))
            }
            guard message.variablesInResult else { return results }
            return try results.map { result in
                var result = result
                result.variables = try Self.processVariables(result.instance.id, on: connection)
                return result
            }
        }
    }

    /// The process-scope variables of an instance.
    private static func processVariables(
        _ instanceID: String, on connection: PostgresConnection
    ) throws -> [String: Value] {
        var result: [String: Value] = [:]
        for row in try connection.query(
            "SELECT name, value::text AS value FROM variables WHERE process_instance_id = $1::uuid AND scope_key = 1",
            [.text(instanceID)]
        ).rows {
            do {
                result[try row.decode("name")] = try SnapshotCodec.value(json: try row.decode("value"))
            } catch let error as PostgresError {
                throw error
            } catch {
                throw EngineError.corruptState(
                    "a stored variable of instance '\(instanceID)' could not be read: \(error)")
            }
        }
        return result
    }

    /// The non-suspended instances with a message subscription of that name matching the filters, by id.
    private static func waitingInstances(
        _ message: MessageCorrelation, on connection: PostgresConnection
    ) throws -> [String] {
        var parameters: [PostgresValue] = [
            .text(message.messageName), SQLText.optional(message.businessKey),
            SQLText.optional(message.processInstanceID?.lowercased()),
        ]
        func bind(_ value: PostgresValue) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        var conditions: [String] = []
        for (name, value) in message.correlationKeys.sorted(by: { $0.key < $1.key }) {
            let match: String
            switch value {
            case .null: match = "v.type = 'Null'"
            case .list, .map: match = "v.value = \(bind(.text(SnapshotCodec.json(value))))::jsonb"
            default: match = "v.text_value = \(bind(SQLText.optional(SQLText.filterText(value))))"
            }
            conditions.append(
                """
                AND EXISTS (SELECT 1 FROM variables v WHERE v.process_instance_id = p.id AND v.scope_key = 1
                  AND v.name = \(bind(.text(name))) AND \(match))
                """)
        }
        return try connection.query(
            """
            SELECT DISTINCT es.process_instance_id::text AS pid FROM event_subscriptions es
            JOIN process_instances p ON p.id = es.process_instance_id
            WHERE es.kind = 'message' AND es.name = $1 AND NOT p.suspended AND p.state = 'active'
              AND ($2::text IS NULL OR p.business_key = $2) AND ($3::text IS NULL OR p.id::text = $3)
              \(conditions.joined(separator: "\n"))
            ORDER BY 1
            """, parameters
        ).rows.map { try $0.decode("pid") }
    }
}
