import BatonTestSupport
import Expressions
import PostgresClient
import Testing

@testable import EngineRuntime

/// The audit timeline of an instance (`HistoryService.timeline`): a user task claimed, commented and completed with
/// variables, a variable updated twice, an external task failing with an error message; filters, paging, count.
@Suite(.serialized) struct TimelineTests {
    /// start → `approve` (user task "Approve reply") → `crm` (external task "Update CRM") → end.
    static let model = Models.definitions(
        """
        <process id="reply" name="Reply" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="approve"/>
          <userTask id="approve" name="Approve reply" camunda:candidateGroups="reviewers"/>
          <sequenceFlow id="f1" sourceRef="approve" targetRef="crm"/>
          <serviceTask id="crm" name="Update CRM" camunda:type="external" camunda:topic="crm"/>
          <sequenceFlow id="f2" sourceRef="crm" targetRef="end"/><endEvent id="end"/>
        </process>
        """)

    /// The scenario's instance and the times (epoch ms) of its steps.
    struct Scenario {
        let harness: HistoryHarness
        let instance: String
        let claimedAt: DateTime
        let commentedAt: DateTime
    }

    /// Runs the scenario, one minute between steps.
    static func scenario() async throws -> Scenario {
        let harness = try await HistoryHarness.make(model)
        let engine = harness.engine
        let instance = try await engine.startInstance(
            key: "reply", variables: ["amount": .integer(12)], origin: CommandOrigin(actor: "ana")
        ).id
        harness.clock.advance(minutes: 1)
        try await engine.modifyVariables(
            instance, set: ["amount": .integer(15)], delete: [], origin: CommandOrigin(actor: "ana"))
        harness.clock.advance(minutes: 1)
        try await engine.modifyVariables(
            instance, set: ["amount": .integer(20)], delete: [], origin: CommandOrigin(actor: "olga"))
        harness.clock.advance(minutes: 1)
        let claimedAt = engine.clock.now()
        let task = try await harness.taskID(instance)
        try await engine.claimTask(task, userID: "rita", origin: CommandOrigin(actor: "rita"))
        harness.clock.advance(minutes: 1)
        let commentedAt = engine.clock.now()
        _ = try await engine.addTaskComment(task, message: "Looks fine", origin: CommandOrigin(actor: "rita"))
        harness.clock.advance(minutes: 1)
        _ = try await engine.completeTask(
            task, variables: ["approved": .bool(true)], origin: CommandOrigin(actor: "rita"))
        harness.clock.advance(minutes: 1)
        let locked = try await engine.fetchAndLock(
            workerID: "w1", maxTasks: 1, topics: [ExternalTaskTopic(topicName: "crm", lockDuration: 60_000)],
            origin: CommandOrigin(actor: "walt"))
        let external = try #require(locked.first)
        harness.clock.advance(minutes: 1)
        try await engine.handleExternalTaskFailure(
            external.id, workerID: "w1", errorMessage: "CRM down", retries: 0, origin: CommandOrigin(actor: "walt"))
        return Scenario(harness: harness, instance: instance, claimedAt: claimedAt, commentedAt: commentedAt)
    }

    @Test func theTimelineTellsWhoDidWhatWhenAndWhy() async throws {
        let s = try await Self.scenario()
        let all = try await s.harness.history.timeline(processInstanceId: s.instance)
        let stored: Int = try await s.harness.engine.pool.withConnection { connection in
            try connection.query(
                "SELECT count(*)::int8 AS n FROM history_events WHERE process_instance_id = $1::uuid", [.text(s.instance)]
            ).rows[0].decode("n")
        }
        #expect(all.count == stored)
        #expect(all.map(\.sequence) == Array(1...stored))
        #expect(try await s.harness.history.timelineCount(processInstanceId: s.instance) == stored)
        // The hash chain is reported as stored: each entry names its predecessor's hash.
        #expect(all.first?.previousHash == nil)
        for (previous, next) in zip(all, all.dropFirst()) { #expect(next.previousHash == previous.hash) }
        #expect(all.allSatisfy { $0.hash?.count == 64 })

        let created = try #require(all.first { $0.type == "instanceCreated" })
        #expect(created.actor == "ana")
        #expect(created.element == TimelineElement(id: "reply", name: "Reply", type: "process"))

        let amount = all.filter { $0.changes.contains { if case .variable("amount", _, _, _) = $0 { true } else { false } } }
        #expect(amount.map(\.type) == ["variableCreated", "variableUpdated", "variableUpdated"])
        #expect(
            amount.map(\.changes) == [
                [.variable(name: "amount", scope: "reply", old: nil, new: .integer(12))],
                [.variable(name: "amount", scope: "reply", old: .integer(12), new: .integer(15))],
                [.variable(name: "amount", scope: "reply", old: .integer(15), new: .integer(20))],
            ])
        #expect(amount.map(\.actor) == ["ana", "ana", "olga"])

        let task = TimelineElement(id: "approve", name: "Approve reply", type: "userTask")
        let claim = try #require(all.first { $0.type == "userTaskChanged" })
        #expect(claim.actor == "rita")
        #expect(claim.element == task)
        #expect(claim.changes == [.assignee(old: nil, new: "rita")])
        #expect(claim.time == s.claimedAt)
        let comment = try #require(all.first { $0.type == "taskCommentAdded" })
        #expect(comment.reason == TimelineReason(comment: "Looks fine"))
        #expect(comment.element == task)
        let approved = try #require(all.first { $0.type == "variableCreated" && $0.actor == "rita" })
        #expect(approved.changes == [.variable(name: "approved", scope: "reply", old: nil, new: .bool(true))])
        let completed = try #require(all.first { $0.type == "elementCompleted" && $0.element?.id == "approve" })
        #expect(completed.actor == "rita")

        let failed = try #require(all.first { $0.type == "externalTaskFailed" })
        #expect(failed.actor == "walt")
        #expect(failed.element == TimelineElement(id: "crm", name: "Update CRM", type: "serviceTask"))
        #expect(failed.reason == TimelineReason(errorMessage: "CRM down"))
        let incident = try #require(all.first { $0.type == "incidentRaised" })
        #expect(incident.reason == TimelineReason(errorCode: "failedExternalTask", errorMessage: "CRM down"))
        #expect(incident.element?.id == "crm")
        let flow = try #require(all.first { $0.type == "flowTaken" })
        #expect(flow.element?.type == "sequenceFlow")
        #expect(all.filter { $0.reason != nil }.count == 3)
    }

    @Test func filtersAndPagingRunOnTheInstance() async throws {
        let s = try await Self.scenario()
        let history = s.harness.history
        let all = try await history.timeline(processInstanceId: s.instance)
        func check(_ query: TimelineQuery, _ expected: [TimelineEntry], _ note: Comment) async throws {
            let found = try await history.timeline(processInstanceId: s.instance, query: query)
            #expect(found == expected, note)
            var unpaged = query
            unpaged.firstResult = nil
            unpaged.maxResults = nil
            let total = try await history.timeline(processInstanceId: s.instance, query: unpaged).count
            #expect(try await history.timelineCount(processInstanceId: s.instance, query: query) == total, note)
        }
        try await check(TimelineQuery(actor: "rita"), all.filter { $0.actor == "rita" }, "actor")
        #expect(all.filter { $0.actor == "rita" }.count >= 5)
        let approve = all.filter { $0.element?.id == "approve" }
        try await check(TimelineQuery(elementID: "approve"), approve, "element")
        #expect(Set(approve.map(\.type)).isSuperset(of: ["elementActivated", "userTaskCreated", "userTaskChanged"]))
        try await check(
            TimelineQuery(types: ["variableUpdated", "externalTaskFailed"]),
            all.filter { ["variableUpdated", "externalTaskFailed"].contains($0.type) }, "types")
        try await check(
            TimelineQuery(occurredAfter: s.claimedAt, occurredBefore: s.commentedAt),
            all.filter { $0.time >= s.claimedAt && $0.time <= s.commentedAt }, "time range")
        #expect(all.filter { $0.time >= s.claimedAt && $0.time <= s.commentedAt }.map(\.type) == [
            "userTaskChanged", "taskCommentAdded",
        ])
        try await check(TimelineQuery(firstResult: 2, maxResults: 3), Array(all[2..<5]), "paging")
        try await check(
            TimelineQuery(actor: "rita", firstResult: 1, maxResults: 2),
            Array(all.filter { $0.actor == "rita" }[1..<3]), "filter and paging")
        try await check(TimelineQuery(actor: "nobody"), [], "no match")
        try await check(TimelineQuery(firstResult: 1000), [], "past the end")
    }

    @Test func unknownInstancesAndBadQueriesAreRefused() async throws {
        let s = try await Self.scenario()
        let history = s.harness.history
        await #expect(throws: HistoryError.self) {
            _ = try await history.timeline(processInstanceId: "00000000-0000-0000-0000-000000000000")
        }
        await #expect(throws: HistoryError.self) { _ = try await history.timelineCount(processInstanceId: "nope") }
        do {
            _ = try await history.timeline(processInstanceId: s.instance, query: TimelineQuery(firstResult: -1))
            Issue.record("a negative firstResult was accepted")
        } catch let error as HistoryError {
            #expect(error == .invalidFilter("firstResult must be 0 or more, not -1"))
        }
        await #expect(throws: HistoryError.self) {
            _ = try await history.timeline(processInstanceId: s.instance, query: TimelineQuery(types: [""]))
        }
        // The upper-case form of the id is the same instance.
        #expect(try await history.timelineCount(processInstanceId: s.instance.uppercased()) > 0)
    }

    @Test func aRowWithoutItsOldValueTakesThePreviousRowsValue() async throws {
        let s = try await Self.scenario()
        let engine = s.harness.engine
        // A history row as an older engine wrote it: the update carries only the new value.
        try await engine.pool.withConnection { connection in
            try connection.execute(
                """
                INSERT INTO history_events (process_instance_id, sequence, occurred_at, type, element_instance_key,
                    payload, actor, command)
                SELECT $1::uuid, max(h.sequence) + 1, max(h.occurred_at), 'variableUpdated',
                    (SELECT v.element_instance_key FROM history_events v WHERE v.process_instance_id = $1::uuid
                        AND v.type = 'variableCreated' AND v.payload->>'name' = 'amount'),
                    '{"name": "amount", "value": 25}'::json, 'legacy', 'setVariables'
                FROM history_events h WHERE h.process_instance_id = $1::uuid
                """, [.text(s.instance)])
        }
        let last = try #require(
            try await engine.history.timeline(processInstanceId: s.instance, query: TimelineQuery(actor: "legacy")).last)
        #expect(last.changes == [.variable(name: "amount", scope: "reply", old: .integer(20), new: .integer(25))])
    }

    @Test func theQueryReadsOnlyTheInstanceThroughThePrimaryKey() async throws {
        let s = try await Self.scenario()
        let pool = s.harness.engine.pool
        // 20,000 rows of 400 other instances around the scenario's.
        let plan: [String] = try await pool.withConnection { connection in
            try connection.execute(
                """
                INSERT INTO history_events (process_instance_id, sequence, occurred_at, type, payload, command)
                SELECT md5(i::text)::uuid, s, now(), 'variableUpdated',
                    json_build_object('name', 'x', 'value', s), 'bench'
                FROM generate_series(1, 400) i, generate_series(1, 50) s
                """)
            try connection.execute("ANALYZE history_events")
            let query = TimelineQuery(actor: "rita", elementID: "approve", types: ["userTaskChanged"], maxResults: 10)
            let (sql, parameters) = TimelineSQL.statement(instance: s.instance, query: query, count: false)
            return try connection.query("EXPLAIN " + sql, parameters).rows.map { try $0.decode("QUERY PLAN") }
        }
        let text = plan.joined(separator: "\n")
        #expect(text.contains("history_events_pkey"), "\(text)")
        #expect(!text.contains("Seq Scan on history_events"), "\(text)")
        // Still the same answers with the other instances around.
        let found = try await s.harness.history.timeline(
            processInstanceId: s.instance, query: TimelineQuery(types: ["userTaskChanged"]))
        #expect(found.count == 1)
    }
}
