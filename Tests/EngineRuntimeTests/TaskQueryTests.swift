import BatonTestSupport
import EngineCore
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// The task query: filters, candidate semantics, the reviewer visibility restriction, variable conditions,
/// sorting, paging and counting.
@Suite struct TaskQueryTests {
    /// Three instances: a (prio 10, key A, amount 5), b (prio 50, key B, amount 50), c (prio 90, key C, amount 500).
    static func fixture() async throws -> (Engine, [String: (instance: String, task: String)]) {
        let engine = try await TaskTestSupport.engine()
        var tasks: [String: (instance: String, task: String)] = [:]
        for (name, prio, amount) in [("a", 10, 5), ("b", 50, 50), ("c", 90, 500)] {
            tasks[name] = try await TaskTestSupport.start(
                engine, businessKey: "order-" + name.uppercased(),
                variables: ["prio": .integer(prio), "amount": .integer(amount), "customer": .string("cust-" + name)])
        }
        return (engine, tasks)
    }

    static func ids(_ engine: Engine, _ configure: (inout TaskQuery) -> Void) async throws -> Set<String> {
        var query = TaskQuery()
        configure(&query)
        let found = try await engine.queryTasks(query)
        #expect(try await engine.countTasks(query) == found.count)
        return Set(found.map(\.id))
    }

    @Test func idAndPeopleFilters() async throws {
        let (engine, t) = try await Self.fixture()
        let a = try #require(t["a"]).task
        let b = try #require(t["b"]).task
        let c = try #require(t["c"]).task
        try await engine.claimTask(a, userID: "ann")
        try await engine.delegateTask(b, userID: "bob")
        #expect(try await Self.ids(engine) { _ in } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.taskID = a } == [a])
        #expect(try await Self.ids(engine) { $0.taskIDIn = [a, c, "junk"] } == [a, c])
        #expect(try await Self.ids(engine) { $0.processInstanceBusinessKey = "order-B" } == [b])
        #expect(try await Self.ids(engine) { $0.processInstanceBusinessKeyLike = "order-%" } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.processInstanceBusinessKeyIn = ["order-A", "order-C"] } == [a, c])
        #expect(try await Self.ids(engine) { $0.processInstanceIDIn = [t["c"]?.instance ?? ""] } == [c])
        #expect(try await Self.ids(engine) { $0.processDefinitionKey = "review" } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.processDefinitionKeyIn = ["other"] }.isEmpty)
        #expect(try await Self.ids(engine) { $0.assignee = "ann" } == [a])
        #expect(try await Self.ids(engine) { $0.assigneeLike = "%o%" } == [b])
        #expect(try await Self.ids(engine) { $0.assigneeIn = ["ann", "bob"] } == [a, b])
        #expect(try await Self.ids(engine) { $0.assigneeNotIn = ["ann"] } == [b])
        #expect(
            try await Self.ids(engine) {
                $0.owner = nil
                $0.delegationState = .pending
            } == [b])
        #expect(try await Self.ids(engine) { $0.assigned = true } == [a, b])
        #expect(try await Self.ids(engine) { $0.unassigned = true } == [c])
        #expect(try await Self.ids(engine) { $0.candidateGroup = "reviewers" } == [c])
        #expect(
            try await Self.ids(engine) {
                $0.candidateGroup = "reviewers"
                $0.includeAssignedTasks = true
            } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.candidateGroups = ["nobody", "reviewers"] } == [c])
        #expect(try await Self.ids(engine) { $0.candidateUser = "kim" } == [c])
        #expect(try await Self.ids(engine) { $0.involvedUser = "bob" } == [b])
        #expect(try await Self.ids(engine) { $0.involvedUser = "kim" } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.withCandidateGroups = true } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.withoutCandidateGroups = true }.isEmpty)
    }

    @Test func candidateUserMatchesThroughGroupsAndVisibilityRestrictsReviewers() async throws {
        let (engine, t) = try await Self.fixture()
        let a = try #require(t["a"]).task
        let b = try #require(t["b"]).task
        let c = try #require(t["c"]).task
        try await TaskTestSupport.addUser(engine, "rita", groups: ["reviewers"])
        try await TaskTestSupport.addUser(engine, "otto", groups: ["outsiders"])
        try await engine.deleteTaskIdentityLink(b, userID: nil, groupID: "reviewers", type: "candidate")
        try await engine.setTaskAssignee(c, userID: "otto")
        #expect(try await Self.ids(engine) { $0.candidateUser = "rita" } == [a])
        #expect(try await Self.ids(engine) { $0.candidateUser = "otto" }.isEmpty)
        // A candidate group shows the task to its members even when someone else is the assignee (c).
        #expect(
            try await Self.ids(engine) { $0.visibleTo = TaskVisibility(userID: "rita", groups: ["reviewers"]) } == [
                a, c,
            ])
        #expect(
            try await Self.ids(engine) { $0.visibleTo = TaskVisibility(userID: "otto", groups: ["outsiders"]) } == [c])
        #expect(try await Self.ids(engine) { $0.visibleTo = TaskVisibility(userID: "kim", groups: []) } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.visibleTo = TaskVisibility(userID: "zed", groups: []) }.isEmpty)
    }

    @Test func taskFieldsDatesAndSuspension() async throws {
        let (engine, t) = try await Self.fixture()
        let a = try #require(t["a"]).task
        let b = try #require(t["b"]).task
        let c = try #require(t["c"]).task
        let due = try #require(DateTime.parse("2026-05-01T12:00:00Z"))
        try await engine.updateTask(
            a,
            UserTaskFields(
                name: "Urgent check", description: "rush", priority: 10, assignee: nil, owner: nil,
                delegationState: nil, dueDate: due, followUpDate: nil))
        #expect(try await Self.ids(engine) { $0.name = "Check order" } == [b, c])
        #expect(try await Self.ids(engine) { $0.nameLike = "%URGENT%" } == [a])
        #expect(try await Self.ids(engine) { $0.nameNotLike = "urgent%" } == [b, c])
        #expect(try await Self.ids(engine) { $0.descriptionLike = "ru%" } == [a])
        #expect(try await Self.ids(engine) { $0.taskDefinitionKeyIn = ["check"] } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.taskDefinitionKeyLike = "che%" } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.priority = 50 } == [b])
        #expect(try await Self.ids(engine) { $0.minPriority = 50 } == [b, c])
        #expect(try await Self.ids(engine) { $0.maxPriority = 50 } == [a, b])
        #expect(try await Self.ids(engine) { $0.dueDate = due } == [a])
        #expect(try await Self.ids(engine) { $0.dueBefore = DateTime.parse("2026-06-01T00:00:00Z") } == [a])
        #expect(try await Self.ids(engine) { $0.dueAfter = DateTime.parse("2026-06-01T00:00:00Z") }.isEmpty)
        #expect(try await Self.ids(engine) { $0.withoutDueDate = true } == [b, c])
        #expect(try await Self.ids(engine) { $0.createdAfter = DateTime.parse("2000-01-01T00:00:00Z") } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.createdBefore = DateTime.parse("2000-01-01T00:00:00Z") }.isEmpty)
        try await engine.setSuspended(try #require(t["b"]).instance, true)
        #expect(try await Self.ids(engine) { $0.suspended = true } == [b])
        #expect(try await Self.ids(engine) { $0.active = true } == [a, c])
    }

    @Test func variableConditions() async throws {
        let (engine, t) = try await Self.fixture()
        let a = try #require(t["a"]).task
        let b = try #require(t["b"]).task
        let c = try #require(t["c"]).task
        try await engine.modifyTaskVariables(c, modifications: ["flag": .bool(true)], local: true)
        func condition(_ name: String, _ op: VariableCondition.Operator, _ value: Value) -> [VariableCondition] {
            [VariableCondition(name: name, operator: op, value: value)]
        }
        #expect(try await Self.ids(engine) { $0.processVariables = condition("amount", .eq, .integer(50)) } == [b])
        #expect(try await Self.ids(engine) { $0.processVariables = condition("amount", .neq, .integer(50)) } == [a, c])
        #expect(try await Self.ids(engine) { $0.processVariables = condition("amount", .gt, .integer(5)) } == [b, c])
        #expect(
            try await Self.ids(engine) { $0.processVariables = condition("amount", .gteq, .integer(5)) } == [a, b, c])
        #expect(
            try await Self.ids(engine) { $0.processVariables = condition("amount", .lt, .decimal(50.5)) } == [a, b])
        #expect(try await Self.ids(engine) { $0.processVariables = condition("amount", .lteq, .integer(5)) } == [a])
        #expect(
            try await Self.ids(engine) { $0.processVariables = condition("customer", .like, .string("cust-%")) } == [
                a, b, c,
            ])
        #expect(
            try await Self.ids(engine) { $0.processVariables = condition("customer", .notLike, .string("%a")) } == [
                b, c,
            ])
        #expect(try await Self.ids(engine) { $0.processVariables = condition("customer", .gt, .integer(1)) }.isEmpty)
        #expect(
            try await Self.ids(engine) {
                $0.processVariables = condition("CUSTOMER", .eq, .string("CUST-B"))
                $0.variableNamesIgnoreCase = true
                $0.variableValuesIgnoreCase = true
            } == [b])
        #expect(try await Self.ids(engine) { $0.taskVariables = condition("flag", .eq, .bool(true)) } == [c])
        #expect(try await Self.ids(engine) { $0.processVariables = condition("flag", .eq, .bool(true)) }.isEmpty)
        do {
            var query = TaskQuery()
            query.processVariables = condition("flag", .like, .bool(true))
            _ = try await engine.queryTasks(query)
            Issue.record("like on a boolean must be refused")
        } catch let error as TaskError {
            guard case .invalidArgument = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func orQueriesAreDisjunctionsAndKeepTheCandidateRule() async throws {
        let (engine, t) = try await Self.fixture()
        let a = try #require(t["a"]).task
        let b = try #require(t["b"]).task
        let c = try #require(t["c"]).task
        try await engine.claimTask(a, userID: "ann")
        try await engine.claimTask(b, userID: "bob")
        var either = TaskQuery()
        either.assignee = "ann"
        either.priority = 90
        #expect(try await Self.ids(engine) { $0.orQueries = [either] } == [a, c])
        #expect(try await Self.ids(engine) { $0.orQueries = [either]; $0.minPriority = 50 } == [c])
        var mineOrOffered = TaskQuery()
        mineOrOffered.assignee = "ann"
        mineOrOffered.candidateGroup = "reviewers"
        #expect(try await Self.ids(engine) { $0.orQueries = [mineOrOffered] } == [a, c])
        mineOrOffered.includeAssignedTasks = true
        #expect(try await Self.ids(engine) { $0.orQueries = [mineOrOffered] } == [a, b, c])
        #expect(try await Self.ids(engine) { $0.orQueries = [either, mineOrOffered] } == [a, c])
    }

    @Test func sortingAndPaging() async throws {
        let (engine, t) = try await Self.fixture()
        let a = try #require(t["a"]).task
        let b = try #require(t["b"]).task
        let c = try #require(t["c"]).task
        var query = TaskQuery()
        query.sorting = [TaskSorting(.priority, ascending: false)]
        #expect(try await engine.queryTasks(query).map(\.id) == [c, b, a])
        query.firstResult = 1
        query.maxResults = 1
        #expect(try await engine.queryTasks(query).map(\.id) == [b])
        #expect(try await engine.countTasks(query) == 3)
        query = TaskQuery()
        query.sorting = [TaskSorting(.priority)]
        #expect(try await engine.queryTasks(query).map(\.id) == [a, b, c])
        for key in TaskSorting.Key.allCases {
            query.sorting = [TaskSorting(key, ascending: false)]
            #expect(try await engine.queryTasks(query).count == 3, "sorting by \(key.rawValue)")
        }
    }
}
