import EngineRuntime
import Expressions
import Foundation

/// The job endpoints (contract §2.8): queries, running a job by hand, retries, due dates, suspension, deletion.
enum JobRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let engine = api.services.engine
        // Jobs run by hand use this node's own executor settings: the HTTP connector and the standard retry policy.
        let executor = JobExecutor(
            engine: engine, owner: "rest-" + UUID().uuidString.lowercased().prefix(8),
            httpConnector: HTTPConnector(metrics: engine.metrics))
        registerQueries(on: api)

        api.add(
            .post, "/job/{id}/execute", tag: "Job",
            summary: "Runs a job now; a failure counts down its retries and answers 500 with its message",
            access: .operations
        ) { request in
            do {
                try await executor.executeJob(request.parameter("id"))
            } catch let failure as JobExecutionError {
                throw RESTError.rest(.internalServerError, failure.message)
            }
            return .noContent
        }

        api.add(
            .put, "/job/{id}/retries", tag: "Job",
            summary: "Sets a job's retries (> 0 resolves its failedJob incident and makes it due now)",
            access: .operations
        ) { request in
            let body = try request.jsonObject()
            guard let retries = try BodyFields.int(body, "retries") else {
                throw RESTError.invalidRequest("'retries' is required")
            }
            guard retries >= 0 else {
                throw RESTError.invalidRequest(
                    "The number of job retries must be a non-negative Integer, but '\(retries)' has been provided.")
            }
            let dueDate = try date(body, "dueDate")
            let id = request.parameter("id")
            _ = try await engine.job(id)  // 404 "Job with id X does not exist" (also for ids that are no UUID)
            try await engine.setJobRetries(id, retries: Int(retries), origin: request.origin)
            if let dueDate { try await engine.setJobDueDate(id, dueDate: dueDate, origin: request.origin) }
            return .noContent
        }

        api.add(
            .put, "/job/{id}/duedate", tag: "Job", summary: "Sets when a job is due (null: now)", access: .operations
        ) { request in
            let dueDate = try date(try request.jsonObject(), "duedate")
            try await engine.setJobDueDate(request.parameter("id"), dueDate: dueDate, origin: request.origin)
            return .noContent
        }

        api.add(.put, "/job/{id}/suspended", tag: "Job", summary: "Suspends or activates a job", access: .operations) {
            request in
            guard let suspended = try BodyFields.bool(try request.jsonObject(), "suspended") else {
                throw RESTError.invalidRequest("'suspended' is required")
            }
            try await engine.setJobSuspended(
                request.parameter("id"), suspended: suspended, origin: request.origin)
            return .noContent
        }

        api.add(.delete, "/job/{id}", tag: "Job", summary: "Deletes a job no executor is running", access: .operations)
        { request in
            try await engine.deleteJob(request.parameter("id"), origin: request.origin)
            return .noContent
        }
    }

    private static func registerQueries(on api: APIRouter) {
        let engine = api.services.engine
        let list: APIRouter.Handler = { request in
            let query = try JobQueryReader.query(request)
            return .json(.array(try await engine.jobs(query, page: try BodyFields.page(request)).map(JobDTO.json)))
        }
        let count: APIRouter.Handler = { request in
            .count(try await engine.countJobs(try JobQueryReader.query(request)))
        }
        api.add(.get, "/job", tag: "Job", summary: "Queries jobs", access: .operations, handler: list)
        api.add(.post, "/job", tag: "Job", summary: "Queries jobs (filters in the body)", access: .operations,
            handler: list)
        api.add(.get, "/job/count", tag: "Job", summary: "Counts jobs", access: .operations, handler: count)
        api.add(.post, "/job/count", tag: "Job", summary: "Counts jobs (filters in the body)", access: .operations,
            handler: count)
        api.add(.get, "/job/{id}", tag: "Job", summary: "One job", access: .operations) { request in
            .json(JobDTO.json(try await engine.job(request.parameter("id"))))
        }
        api.add(
            .get, "/job/{id}/stacktrace", tag: "Job",
            summary: "The failure of a job (text; empty when it never failed)", access: .operations
        ) { request in
            .text(try await engine.jobStacktrace(request.parameter("id")) ?? "")
        }
    }

    /// A date field in Camunda's format (null or missing: nil).
    static func date(_ body: JSON, _ name: String) throws(RESTError) -> DateTime? {
        guard let text = try BodyFields.string(body, name) else { return nil }
        guard let date = CamundaDate.parse(text) else {
            throw .invalidRequest("'\(name)' must be a date like 2025-10-06T16:34:42.000+0200, not '\(text)'")
        }
        return date
    }
}

/// Camunda's `JobDto` (plus Baton's `jobDefinitionType`, the Camunda job definition type of the job's kind).
enum JobDTO {
    static func json(_ job: JobInfo) -> JSON {
        .object([
            ("id", .string(job.id)),
            ("jobDefinitionId", .null),
            ("jobDefinitionType", .string(job.jobDefinitionType)),
            ("processInstanceId", .string(job.processInstanceID)),
            ("executionId", .string(job.processInstanceID)),
            ("processDefinitionId", .string(job.processDefinitionID)),
            ("processDefinitionKey", .string(job.processDefinitionKey)),
            ("exceptionMessage", .string(job.exceptionMessage)),
            ("failedActivityId", .string(job.failedActivityID)),
            ("retries", .int(Int64(job.retries))),
            ("dueDate", CamundaDate.json(job.dueDate)),
            ("suspended", .bool(job.suspended)),
            ("priority", .int(Int64(job.priority))),
            ("tenantId", .null),
            ("createTime", CamundaDate.json(job.createTime)),
            ("batchId", .null),
        ])
    }
}

/// Reads the job query's filters and sorting (GET query string or POST body).
enum JobQueryReader {
    static let sortKeys = Set(JobQuery.SortKey.allCases.map(\.rawValue))

    static func query(_ request: APIRequest) throws(RESTError) -> JobQuery {
        let filters = try request.filters()
        var query = JobQuery()
        query.jobID = try filters.string("jobId")
        query.jobIDs = try filters.strings("jobIds")
        let executionID = try filters.string("executionId")  // Baton's execution ids are instance ids
        query.processInstanceID = try filters.string("processInstanceId") ?? executionID
        query.processInstanceIDs = try filters.strings("processInstanceIds")
        query.processDefinitionID = try filters.string("processDefinitionId")
        query.processDefinitionKey = try filters.string("processDefinitionKey")
        query.activityID = try filters.string("activityId")
        query.withRetriesLeft = try filters.flag("withRetriesLeft")
        query.noRetriesLeft = try filters.flag("noRetriesLeft")
        query.executable = try filters.flag("executable")
        query.timers = try filters.flag("timers")
        query.messages = try filters.flag("messages")
        query.withException = try filters.flag("withException")
        query.failedActivityID = try filters.string("failedActivityId")
        query.active = try filters.flag("active")
        query.suspended = try filters.flag("suspended")
        if let tenants = try filters.strings("tenantIdIn"), !tenants.isEmpty { query.jobIDs = [] }  // no tenants
        for comparison in try filters.strings("dueDates") ?? [] {
            let parts = comparison.split(separator: "_", maxSplits: 1).map(String.init)
            guard parts.count == 2, let date = CamundaDate.parse(parts[1]) else {
                throw .invalidRequest("Cannot set query parameter 'dueDates' to value '\(comparison)'")
            }
            switch parts[0] {
            case "gt": query.dueAfter = date
            case "lt": query.dueBefore = date
            default: throw .invalidRequest("Invalid due date comparator specified: \(parts[0])")
            }
        }
        query.sorting = try request.sorting(allowed: sortKeys).compactMap { key in
            JobQuery.SortKey(rawValue: key.by).map { QuerySorting($0, ascending: key.ascending) }
        }
        return query
    }
}
