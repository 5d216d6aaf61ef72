import EngineRuntime
import Expressions

/// The History endpoints of the Camunda REST API (contract §2.9): for each entity GET and POST list, `/count`
/// (GET and POST) and, where Camunda has one, `GET /{id}`, read from `engine.history` (docs/history.md).
enum HistoryRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let history = api.services.engine.history
        processInstances(api, history)
        activityInstances(api, history)
        tasks(api, history)
        variableInstances(api, history)
        details(api, history)
        HistoryLogRoutes.register(on: api, history)
    }

    private static func processInstances(_ api: APIRouter, _ history: HistoryService) {
        let path = "/history/process-instance"
        HistoryRouteSupport.family(
            on: api, path: path, noun: "historic process instances",
            sortKeys: HistoryRouteSupport.names(HistoricProcessInstanceQuery.SortKey.self),
            build: { filters, sorting in
                var query = HistoricProcessInstanceQuery()
                query.processInstanceID = try filters.string("processInstanceId")
                query.processInstanceIDs = try filters.strings("processInstanceIds")
                query.processInstanceBusinessKey = try filters.string("processInstanceBusinessKey")
                query.processInstanceBusinessKeyLike = try filters.string("processInstanceBusinessKeyLike")
                query.processDefinitionID = try filters.string("processDefinitionId")
                query.processDefinitionKey = try filters.string("processDefinitionKey")
                query.processDefinitionKeyIn = try filters.strings("processDefinitionKeyIn")
                query.superProcessInstanceID = try filters.string("superProcessInstanceId")
                query.finished = try filters.bool("finished")
                query.unfinished = try filters.bool("unfinished")
                query.withIncidents = try filters.bool("withIncidents")
                query.startedBy = try filters.string("startedBy")
                query.active = try filters.bool("active")
                query.suspended = try filters.bool("suspended")
                query.completed = try filters.bool("completed")
                query.externallyTerminated = try filters.bool("externallyTerminated")
                query.internallyTerminated = try filters.bool("internallyTerminated")
                query.startedBefore = try filters.date("startedBefore")
                query.startedAfter = try filters.date("startedAfter")
                query.finishedBefore = try filters.date("finishedBefore")
                query.finishedAfter = try filters.date("finishedAfter")
                query.activeActivityIDIn = try filters.strings("activeActivityIdIn")
                query.variables = try filters.variableConditions("variables")
                query.variableNamesIgnoreCase = try filters.flag("variableNamesIgnoreCase")
                query.variableValuesIgnoreCase = try filters.flag("variableValuesIgnoreCase")
                query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricProcessInstanceQuery.SortKey.self)
                return query
            },
            list: { try await history.processInstances($0, page: $1) },
            count: { try await history.countProcessInstances($0) },
            dto: HistoryDTO.processInstance)
        HistoryRouteSupport.single(
            on: api, path: path, noun: "historic process instance", find: { try await history.processInstance($0) },
            dto: HistoryDTO.processInstance)
        api.add(
            .delete, path + "/{id}", tag: "History",
            summary: "Deletes a finished instance's history, leaving a signed tombstone (docs/audit.md)",
            access: .admin("HistoricProcessInstance", "DELETE")
        ) { request in
            try await HistoryRouteSupport.mapped {
                try await history.deleteProcessInstance(request.parameter("id"), by: request.principal?.userID)
                return .noContent
            }
        }
    }

    private static func activityInstances(_ api: APIRouter, _ history: HistoryService) {
        let path = "/history/activity-instance"
        HistoryRouteSupport.family(
            on: api, path: path, noun: "historic activity instances",
            sortKeys: HistoryRouteSupport.names(HistoricActivityInstanceQuery.SortKey.self),
            build: { filters, sorting in
                var query = HistoricActivityInstanceQuery()
                query.activityInstanceID = try filters.string("activityInstanceId")
                query.processInstanceID = try filters.string("processInstanceId")
                query.processDefinitionID = try filters.string("processDefinitionId")
                query.activityID = try filters.string("activityId")
                query.activityName = try filters.string("activityName")
                query.activityType = try filters.string("activityType")
                query.taskAssignee = try filters.string("taskAssignee")
                query.finished = try filters.bool("finished")
                query.unfinished = try filters.bool("unfinished")
                query.canceled = try filters.bool("canceled")
                query.completeScope = try filters.bool("completeScope")
                query.startedBefore = try filters.date("startedBefore")
                query.startedAfter = try filters.date("startedAfter")
                query.finishedBefore = try filters.date("finishedBefore")
                query.finishedAfter = try filters.date("finishedAfter")
                query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricActivityInstanceQuery.SortKey.self)
                return query
            },
            list: { try await history.activityInstances($0, page: $1) },
            count: { try await history.countActivityInstances($0) }, dto: HistoryDTO.activityInstance)
        HistoryRouteSupport.single(
            on: api, path: path, noun: "historic activity instance", find: { try await history.activityInstance($0) },
            dto: HistoryDTO.activityInstance)
    }

    private static func tasks(_ api: APIRouter, _ history: HistoryService) {
        HistoryRouteSupport.family(
            on: api, path: "/history/task", noun: "historic user tasks",
            sortKeys: HistoryRouteSupport.names(HistoricTaskQuery.SortKey.self),
            build: { filters, sorting in
                var query = HistoricTaskQuery()
                query.taskID = try filters.string("taskId")
                query.processInstanceID = try filters.string("processInstanceId")
                query.processDefinitionID = try filters.string("processDefinitionId")
                query.processDefinitionKey = try filters.string("processDefinitionKey")
                query.taskName = try filters.string("taskName")
                query.taskNameLike = try filters.string("taskNameLike")
                query.taskAssignee = try filters.string("taskAssignee")
                query.taskAssigneeLike = try filters.string("taskAssigneeLike")
                query.taskOwner = try filters.string("taskOwner")
                query.taskDefinitionKey = try filters.string("taskDefinitionKey")
                query.taskDefinitionKeyIn = try filters.strings("taskDefinitionKeyIn")
                query.taskInvolvedUser = try filters.string("taskInvolvedUser")
                query.taskHadCandidateGroup = try filters.string("taskHadCandidateGroup")
                query.taskPriority = try filters.int("taskPriority")
                query.processFinished = try filters.bool("processFinished")
                query.processUnfinished = try filters.bool("processUnfinished")
                query.finished = try filters.bool("finished")
                query.unfinished = try filters.bool("unfinished")
                query.assigned = try filters.bool("assigned")
                query.unassigned = try filters.bool("unassigned")
                query.taskDueBefore = try filters.date("taskDueBefore")
                query.taskDueAfter = try filters.date("taskDueAfter")
                query.startedBefore = try filters.date("startedBefore")
                query.startedAfter = try filters.date("startedAfter")
                query.finishedBefore = try filters.date("finishedBefore")
                query.finishedAfter = try filters.date("finishedAfter")
                query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricTaskQuery.SortKey.self)
                return query
            },
            list: { try await history.tasks($0, page: $1) }, count: { try await history.countTasks($0) },
            dto: HistoryDTO.task)
    }

    private static func variableInstances(_ api: APIRouter, _ history: HistoryService) {
        let path = "/history/variable-instance"
        do {
            HistoryRouteSupport.family(
                on: api, path: path, noun: "historic variable instances",
                sortKeys: HistoryRouteSupport.names(HistoricVariableInstanceQuery.SortKey.self),
                build: { filters, sorting in
                    var query = HistoricVariableInstanceQuery()
                    query.variableName = try filters.string("variableName")
                    query.variableNameLike = try filters.string("variableNameLike")
                    query.variableValue = try filters.variableValue("variableValue")
                    query.processInstanceID = try filters.string("processInstanceId")
                    query.processInstanceIDIn = try filters.strings("processInstanceIdIn")
                    query.processDefinitionID = try filters.string("processDefinitionId")
                    query.processDefinitionKey = try filters.string("processDefinitionKey")
                    query.taskIDIn = try filters.strings("taskIdIn")
                    query.activityInstanceIDIn = try filters.strings("activityInstanceIdIn")
                    query.includeDeleted = try filters.flag("includeDeleted")
                    query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricVariableInstanceQuery.SortKey.self)
                    return query
                },
                list: { try await history.variableInstances($0, page: $1) },
                count: { try await history.countVariableInstances($0) },
                valueDTO: { HistoryDTO.variableInstance($0, deserialize: $1) })
        }
        api.add(.get, path + "/{id}", tag: "History", summary: "One historic variable instance", access: .history) {
            request in
            try await HistoryRouteSupport.mapped {
                let variable = try await history.variableInstance(request.parameter("id"))
                let deserialize = try QueryFilters(query: request.query).bool("deserializeValues") ?? true
                return .json(HistoryDTO.variableInstance(variable, deserialize: deserialize))
            }
        }
        api.add(
            .get, path + "/{id}/data", tag: "History", summary: "The binary value of a historic variable instance",
            access: .history
        ) { request in
            try await HistoryRouteSupport.mapped {
                let variable = try await history.variableInstance(request.parameter("id"))
                throw RESTError.badUserRequest(
                    "Value of variable with id \(variable.id) is not a binary value: it is of type \(variable.typeName)"
                )
            }
        }
    }

    private static func details(_ api: APIRouter, _ history: HistoryService) {
        let path = "/history/detail"
        do {
            HistoryRouteSupport.family(
                on: api, path: path, noun: "historic details (variable updates)",
                sortKeys: HistoryRouteSupport.names(HistoricDetailQuery.SortKey.self),
                build: { filters, sorting in
                    var query = HistoricDetailQuery()
                    query.processInstanceID = try filters.string("processInstanceId")
                    query.processInstanceIDIn = try filters.strings("processInstanceIdIn")
                    query.variableInstanceID = try filters.string("variableInstanceId")
                    query.taskID = try filters.string("taskId")
                    query.activityInstanceID = try filters.string("activityInstanceId")
                    query.variableUpdates = try filters.bool("variableUpdates")
                    query.formFields = try filters.bool("formFields")
                    query.excludeTaskDetails = try filters.bool("excludeTaskDetails")
                    query.occurredBefore = try filters.date("occurredBefore")
                    query.occurredAfter = try filters.date("occurredAfter")
                    query.sorting = HistoryRouteSupport.sorts(sorting, as: HistoricDetailQuery.SortKey.self)
                    return query
                },
                list: { try await history.details($0, page: $1) }, count: { try await history.countDetails($0) },
                valueDTO: { HistoryDTO.detail($0, deserialize: $1) })
        }
        api.add(.get, path + "/{id}", tag: "History", summary: "One historic detail", access: .history) { request in
            try await HistoryRouteSupport.mapped {
                let detail = try await history.detail(request.parameter("id"))
                let deserialize = try QueryFilters(query: request.query).bool("deserializeValues") ?? true
                return .json(HistoryDTO.detail(detail, deserialize: deserialize))
            }
        }
    }
}
