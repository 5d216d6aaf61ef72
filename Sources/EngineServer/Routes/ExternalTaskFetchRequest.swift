import EngineRuntime
import Expressions

/// The body of `POST /external-task/fetchAndLock`, read as Camunda does: nulls and unknown keys are fine (the
/// Python client sends `"sorting": null`, `"variables": null`, `"processVariables": {}`,
/// `"includeExtensionProperties": true`).
struct ExternalTaskFetchRequest {
    var workerID: String
    var maxTasks: Int
    var usePriority: Bool
    var asyncResponseTimeout: Duration?
    var sorting: [ExternalTaskFetchSorting]
    var topics: [ExternalTaskTopic]
    /// `deserializeValues` by topic name (Object values as native JSON when true).
    var deserialize: [String: Bool]
    /// Per topic: whether the worker asked for the activity's extension properties.
    var extensionProperties: [String: Bool] = [:]

    init(_ body: JSON) throws(RESTError) {
        workerID = try BodyFields.string(body, "workerId") ?? ""
        maxTasks = Int(try BodyFields.int(body, "maxTasks") ?? 0)
        usePriority = try BodyFields.bool(body, "usePriority") ?? false
        if let timeout = try BodyFields.int(body, "asyncResponseTimeout") {
            guard timeout <= 1_800_000 else {
                throw .invalidRequest(
                    "The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds")
            }
            asyncResponseTimeout = timeout > 0 ? .milliseconds(timeout) : nil
        }
        sorting = []
        if let items = body["sorting"], !items.isNull {
            guard let list = items.arrayValue else {
                throw .invalidRequest("'sorting' must be an array, not \(items.kindDescription)")
            }
            for item in list {
                switch ExternalTaskFetchSorting.parse(
                    sortBy: item["sortBy"]?.stringValue, sortOrder: item["sortOrder"]?.stringValue)
                {
                case .success(let criterion): sorting.append(criterion)
                case .failure(let error): throw .invalidRequest(error.description)
                }
            }
        }
        topics = []
        deserialize = [:]
        if let items = body["topics"], !items.isNull {
            guard let list = items.arrayValue else {
                throw .invalidRequest("'topics' must be an array, not \(items.kindDescription)")
            }
            for item in list {
                guard item.objectValue != nil else {
                    throw .invalidRequest("each topic must be an object, not \(item.kindDescription)")
                }
                let topic = try Self.topic(item)
                topics.append(topic)
                deserialize[topic.topicName] = try BodyFields.bool(item, "deserializeValues") ?? false
                extensionProperties[topic.topicName] =
                    try BodyFields.bool(item, "includeExtensionProperties") ?? false
            }
        }
    }

    private static func topic(_ item: JSON) throws(RESTError) -> ExternalTaskTopic {
        var topic = ExternalTaskTopic(
            topicName: try BodyFields.required(item, "topicName"),
            lockDuration: try BodyFields.int(item, "lockDuration") ?? 0,
            variables: try BodyFields.strings(item, "variables"),
            localVariables: try BodyFields.bool(item, "localVariables") ?? false,
            businessKey: try BodyFields.string(item, "businessKey"))
        var ids = try BodyFields.strings(item, "processDefinitionIdIn")
        if let id = try BodyFields.string(item, "processDefinitionId") { ids = (ids ?? []) + [id] }
        topic.processDefinitionIDs = ids
        var keys = try BodyFields.strings(item, "processDefinitionKeyIn")
        if let key = try BodyFields.string(item, "processDefinitionKey") { keys = (keys ?? []) + [key] }
        topic.processDefinitionKeys = keys
        if let raw = item["processVariables"], !raw.isNull {
            guard let pairs = raw.objectValue else {
                throw .invalidRequest("'processVariables' must be an object, not \(raw.kindDescription)")
            }
            for (name, value) in pairs { topic.processVariables[name] = VariableCodec.value(value) }
        }
        // Baton has no tenants and no version tags: asking for one matches no task (the topic still long-polls).
        let tenants = try BodyFields.strings(item, "tenantIdIn") ?? []
        let versionTag = try BodyFields.string(item, "processDefinitionVersionTag")
        if !tenants.isEmpty || versionTag != nil {
            topic.processDefinitionIDs = []
        }
        return topic
    }
}

/// Reads the external task query's filters and sorting (GET query string or POST body).
enum ExternalTaskQueryReader {
    static let sortKeys = Set(ExternalTaskQuery.SortKey.allCases.map(\.rawValue))

    static func query(_ request: APIRequest) throws(RESTError) -> ExternalTaskQuery {
        let filters = try request.filters()
        var query = ExternalTaskQuery()
        query.externalTaskID = try filters.string("externalTaskId")
        query.externalTaskIDs = try filters.strings("externalTaskIdIn")
        query.topicName = try filters.string("topicName")
        query.workerID = try filters.string("workerId")
        query.locked = try filters.flag("locked")
        query.notLocked = try filters.flag("notLocked")
        query.withRetriesLeft = try filters.flag("withRetriesLeft")
        query.noRetriesLeft = try filters.flag("noRetriesLeft")
        query.activityID = try filters.string("activityId")
        query.activityIDs = try filters.strings("activityIdIn")
        query.processInstanceID = try filters.string("processInstanceId")
        query.processDefinitionID = try filters.string("processDefinitionId")
        query.processDefinitionKey = try filters.string("processDefinitionKey")
        query.priorityAtLeast = try filters.int("priorityHigherThanOrEquals")
        query.priorityAtMost = try filters.int("priorityLowerThanOrEquals")
        query.lockExpirationBefore = try filters.date("lockExpirationBefore")
        query.lockExpirationAfter = try filters.date("lockExpirationAfter")
        query.active = try filters.flag("active")
        query.suspended = try filters.flag("suspended")
        query.sorting = try request.sorting(allowed: sortKeys).compactMap { key in
            ExternalTaskQuery.SortKey(rawValue: key.by).map { QuerySorting($0, ascending: key.ascending) }
        }
        return query
    }
}
