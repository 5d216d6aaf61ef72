import Expressions
import PostgresClient

/// A row of `jobs` acquired by an executor: work that happens later (timers) or after commit (connector calls).
public struct Job: Sendable, Hashable {
    /// The job id.
    public var id: String
    /// `timer`, `timer-start` or `connector` (asynchronous continuations come with `camunda:async*`).
    public var kind: String
    /// The instance it belongs to (nil for timer start events of a definition).
    public var processInstanceID: String?
    /// The definition.
    public var definitionID: String?
    /// The core's timer subscription, for `timer` jobs.
    public var subscriptionKey: Int?
    /// The waiting element instance, for connector jobs.
    public var elementInstanceKey: Int?
    /// The element id.
    public var elementID: String?
    /// When it was due.
    public var due: DateTime
    /// Tries left.
    public var retries: Int
    /// Whether it has failed before (its tries are then already counted down from the element's policy).
    public var hasFailed: Bool
    /// Extra data (`{"fired": n}` for timer starts, `{"connectorId", "input"}` for connector calls).
    public var payload: Value

    /// The select list for a job row; `table` qualifies the columns (e.g. `j.`).
    static func columns(_ table: String = "") -> String {
        """
        \(table)id::text AS id, \(table)kind AS kind, \(table)process_instance_id::text AS pid,
        \(table)definition_id AS definition_id, \(table)subscription_key AS subscription_key,
        \(table)element_instance_key AS element_instance_key, \(table)element_id AS element_id,
        (extract(epoch FROM \(table)due_at) * 1000)::int8 AS due_ms, \(table)retries AS retries,
        \(table)exception_message IS NOT NULL AS has_failed,
        coalesce(\(table)payload::text, 'null') AS payload
        """
    }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        kind = try row.decode("kind")
        processInstanceID = try row.decode("pid", as: String?.self)
        definitionID = try row.decode("definition_id", as: String?.self)
        subscriptionKey = try row.decode("subscription_key", as: Int?.self)
        elementInstanceKey = try row.decode("element_instance_key", as: Int?.self)
        elementID = try row.decode("element_id", as: String?.self)
        due = DateTime(epochMilliseconds: Int64(try row.decode("due_ms") as Int), offsetSeconds: 0)
        retries = try row.decode("retries")
        hasFailed = try row.decode("has_failed")
        payload = Value(jsonText: try row.decode("payload")) ?? .null
    }
}

/// What a job handler reports.
public enum JobOutcome: Sendable {
    /// Done: the job row is gone (or was rescheduled by the handler).
    case done
    /// Not run: its instance was suspended after the job was acquired; the job waits (unlocked) for activation.
    case skipped
    /// Failed in a way that may pass on a retry (network, timeout, conflict).
    case failed(String)
    /// Failed in a way no retry can fix: an incident at once.
    case failedPermanently(String)
}
