import EngineRuntime

/// The log-like history endpoints (contract §2.9): incidents, job log, external task log, user operation log and
/// identity link log.
enum HistoryLogRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter, _ history: HistoryService) {
        incidents(api, history)
        jobLog(api, history)
        externalTaskLog(api, history)
        userOperations(api, history)
        identityLinks(api, history)
    }

    private static func incidents(_ api: APIRouter, _ history: HistoryService) {
        HistoryRouteSupport.family(
            on: api, path: "/history/incident", noun: "historic incidents",
            sortKeys: HistoryRouteSupport.names(HistoricIncidentQuery.SortKey.self),
            build: { filters, sorting in
                var query = HistoricIncidentQuery()
                query.incidentID = try filters.string("incidentId")
                query.incidentType = try filters.string("incidentType")
                query.incidentMessage = try filters.string("incidentMessage")
                query.incidentMessageLike = try filters.string("incidentMessageLike")
                query.processInstanceID = try filters.string("processInstanceId")
                query.processDefinitionID = try filters.string("processDefinitionId")
                query.processDefinitionKey = try filters.string("processDefinitionKey")
                query.activityID = try filters.string("activityId")
                query.failedActivityID = try filters.string("failedActivityId")
                query.configuration = try filters.string("configuration")
                query.open = try filters.bool("open")
                query.resolved = try filters.bool("resolved")
                query.deleted = try filters.bool("deleted")
                query.createTimeBefore = try filters.date("createTimeBefore")
                query.createTimeAfter = try filters.date("createTimeAfter")
                query.endTimeBefore = try filters.date("endTimeBefore")
                query.endTimeAfter = try filters.date("endTimeAfter")
                query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricIncidentQuery.SortKey.self)
                return query
            },
            list: { try await history.incidents($0, page: $1) }, count: { try await history.countIncidents($0) },
            dto: HistoryDTO.incident)
    }

    private static func jobLog(_ api: APIRouter, _ history: HistoryService) {
        let path = "/history/job-log"
        HistoryRouteSupport.family(
            on: api, path: path, noun: "historic job log entries",
            sortKeys: HistoryRouteSupport.names(HistoricJobLogQuery.SortKey.self),
            build: { filters, sorting in
                var query = HistoricJobLogQuery()
                query.logID = try filters.string("logId")
                query.jobID = try filters.string("jobId")
                query.jobDefinitionType = try filters.string("jobDefinitionType")
                query.jobExceptionMessage = try filters.string("jobExceptionMessage")
                query.activityIDIn = try filters.strings("activityIdIn")
                query.processInstanceID = try filters.string("processInstanceId")
                query.processDefinitionID = try filters.string("processDefinitionId")
                query.processDefinitionKey = try filters.string("processDefinitionKey")
                query.deploymentID = try filters.string("deploymentId")
                query.creationLog = try filters.bool("creationLog")
                query.failureLog = try filters.bool("failureLog")
                query.successLog = try filters.bool("successLog")
                query.deletionLog = try filters.bool("deletionLog")
                query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricJobLogQuery.SortKey.self)
                return query
            },
            list: { try await history.jobLogs($0, page: $1) }, count: { try await history.countJobLogs($0) },
            dto: HistoryDTO.jobLog)
        HistoryRouteSupport.single(
            on: api, path: path, noun: "historic job log entry", find: { try await history.jobLog($0) },
            dto: HistoryDTO.jobLog)
        api.add(
            .get, path + "/{id}/stacktrace", tag: "History", summary: "The stack trace of a failed job (its message)",
            access: .history
        ) { request in
            try await HistoryRouteSupport.mapped {
                let entry = try await history.jobLog(request.parameter("id"))
                guard let message = entry.jobExceptionMessage else {
                    throw RESTError.badUserRequest("Historic job log with id \(entry.id) has no exception")
                }
                return .text(message)
            }
        }
    }

    private static func externalTaskLog(_ api: APIRouter, _ history: HistoryService) {
        let path = "/history/external-task-log"
        HistoryRouteSupport.family(
            on: api, path: path, noun: "historic external task log entries",
            sortKeys: HistoryRouteSupport.names(HistoricExternalTaskLogQuery.SortKey.self),
            build: { filters, sorting in
                var query = HistoricExternalTaskLogQuery()
                query.logID = try filters.string("logId")
                query.externalTaskID = try filters.string("externalTaskId")
                query.topicName = try filters.string("topicName")
                query.workerID = try filters.string("workerId")
                query.errorMessage = try filters.string("errorMessage")
                query.activityIDIn = try filters.strings("activityIdIn")
                query.processInstanceID = try filters.string("processInstanceId")
                query.processDefinitionID = try filters.string("processDefinitionId")
                query.processDefinitionKey = try filters.string("processDefinitionKey")
                query.creationLog = try filters.bool("creationLog")
                query.failureLog = try filters.bool("failureLog")
                query.successLog = try filters.bool("successLog")
                query.deletionLog = try filters.bool("deletionLog")
                query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricExternalTaskLogQuery.SortKey.self)
                return query
            },
            list: { try await history.externalTaskLogs($0, page: $1) },
            count: { try await history.countExternalTaskLogs($0) }, dto: HistoryDTO.externalTaskLog)
        HistoryRouteSupport.single(
            on: api, path: path, noun: "historic external task log entry",
            find: { try await history.externalTaskLog($0) }, dto: HistoryDTO.externalTaskLog)
        api.add(
            .get, path + "/{id}/error-details", tag: "History",
            summary: "The error details of a failure entry (its message)", access: .history
        ) { request in
            try await HistoryRouteSupport.mapped {
                let entry = try await history.externalTaskLog(request.parameter("id"))
                return .text(entry.errorMessage ?? "")
            }
        }
    }

    private static func userOperations(_ api: APIRouter, _ history: HistoryService) {
        HistoryRouteSupport.family(
            on: api, path: "/history/user-operation", noun: "user operation log entries",
            sortKeys: HistoryRouteSupport.names(UserOperationLogQuery.SortKey.self),
            build: { filters, sorting in
                var query = UserOperationLogQuery()
                query.userID = try filters.string("userId")
                query.operationType = try filters.string("operationType")
                query.entityType = try filters.string("entityType")
                query.entityTypeIn = try filters.strings("entityTypeIn")
                query.category = try filters.string("category")
                query.categoryIn = try filters.strings("categoryIn")
                query.processInstanceID = try filters.string("processInstanceId")
                query.processDefinitionID = try filters.string("processDefinitionId")
                query.processDefinitionKey = try filters.string("processDefinitionKey")
                query.taskID = try filters.string("taskId")
                query.externalTaskID = try filters.string("externalTaskId")
                query.property = try filters.string("property")
                query.afterTimestamp = try filters.date("afterTimestamp")
                query.beforeTimestamp = try filters.date("beforeTimestamp")
                query.sorting = HistoryRouteSupport.sorts(sorting, as: UserOperationLogQuery.SortKey.self)
                return query
            },
            list: { try await history.userOperations($0, page: $1) },
            count: { try await history.countUserOperations($0) }, dto: HistoryDTO.userOperation)
    }

    private static func identityLinks(_ api: APIRouter, _ history: HistoryService) {
        HistoryRouteSupport.family(
            on: api, path: "/history/identity-link-log", noun: "historic identity link log entries",
            sortKeys: HistoryRouteSupport.names(HistoricIdentityLinkLogQuery.SortKey.self),
            build: { filters, sorting in
                var query = HistoricIdentityLinkLogQuery()
                query.type = try filters.string("type")
                query.userID = try filters.string("userId")
                query.groupID = try filters.string("groupId")
                query.taskID = try filters.string("taskId")
                query.processDefinitionID = try filters.string("processDefinitionId")
                query.processDefinitionKey = try filters.string("processDefinitionKey")
                query.operationType = try filters.string("operationType")
                query.assignerID = try filters.string("assignerId")
                query.dateBefore = try filters.date("dateBefore")
                query.dateAfter = try filters.date("dateAfter")
                query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricIdentityLinkLogQuery.SortKey.self)
                return query
            },
            list: { try await history.identityLinkLogs($0, page: $1) },
            count: { try await history.countIdentityLinkLogs($0) }, dto: HistoryDTO.identityLink)
    }
}
