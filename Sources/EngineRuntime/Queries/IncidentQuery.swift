import Expressions

/// A filter over open incidents (Camunda's `GET /incident`); every field left nil does not filter.
public struct IncidentQuery: Sendable, Hashable {
    /// What the list can be sorted by (Camunda's `sortBy` values).
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        /// The incident id.
        case incidentId
        /// The message.
        case incidentMessage
        /// When it was raised.
        case incidentTimestamp
        /// The type.
        case incidentType
        /// The process instance id.
        case processInstanceId
        /// The process definition id.
        case processDefinitionId
        /// The activity id.
        case activityId
        /// The configuration (job or external task id).
        case configuration
    }

    /// One incident by id.
    public var incidentID: String?
    /// Incidents of this type (`failedJob`, `failedExternalTask`, …).
    public var incidentType: String?
    /// Incidents with exactly this message.
    public var incidentMessage: String?
    /// Incidents whose message is `LIKE` this pattern (`%` and `_` as in SQL).
    public var incidentMessageLike: String?
    /// Incidents of this process instance.
    public var processInstanceID: String?
    /// Incidents of this process definition.
    public var processDefinitionID: String?
    /// Incidents of any of these process definitions.
    public var processDefinitionIDs: [String]?
    /// Incidents of definitions with this key.
    public var processDefinitionKey: String?
    /// Incidents of this activity (BPMN element id).
    public var activityID: String?
    /// Incidents of a job or external task (its id).
    public var configuration: String?
    /// Incidents raised before this instant.
    public var incidentTimestampBefore: DateTime?
    /// Incidents raised after this instant.
    public var incidentTimestampAfter: DateTime?
    /// The order (after it, the id).
    public var sorting: [QuerySorting<SortKey>] = []

    /// An empty filter: every open incident.
    public init() {}
}

/// An open incident (Camunda's `IncidentDto`).
public struct IncidentInfo: Sendable, Hashable {
    /// The incident id.
    public var id: String
    /// The core's key of the incident inside its instance (what `Engine.resolveIncident` takes).
    public var incidentKey: Int
    /// `failedJob`, `failedExternalTask`, or another kind the core raises (`unhandledError`, …).
    public var incidentType: String
    /// The message.
    public var incidentMessage: String
    /// When it was raised.
    public var incidentTimestamp: DateTime
    /// The process instance.
    public var processInstanceID: String
    /// The process definition.
    public var processDefinitionID: String
    /// The process definition key.
    public var processDefinitionKey: String?
    /// The activity (BPMN element) where it happened (Camunda's `activityId` and `failedActivityId`).
    public var activityID: String
    /// The element instance it belongs to.
    public var elementInstanceKey: Int?
    /// The id of the failed job (`failedJob`) or external task (`failedExternalTask`), when it still exists.
    public var configuration: String?
    /// The operator's note.
    public var annotation: String?
}
