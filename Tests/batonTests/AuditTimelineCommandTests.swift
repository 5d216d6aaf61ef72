import BatonTestSupport
import EngineRuntime
import Expressions
import Foundation
import PostgresClient
import Testing

@testable import baton

/// `baton audit timeline ID` against a real database: the text table, the export formats, filters and exit statuses.
@Suite(.serialized) struct AuditTimelineCommandTests {
    static let model = Array(
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d">
          <process id="p" isExecutable="true"><startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="approve"/>
          <userTask id="approve" name="Approve the reply to the customer's long complaint about delivery times"/>
          <sequenceFlow id="g" sourceRef="approve" targetRef="e"/><endEvent id="e"/></process></definitions>
        """.utf8)

    /// A finished instance: started by ana, claimed, commented (a long, two-line comment) and completed by rita.
    static func prepared() async throws -> (url: String, instance: String, pool: PostgresPool) {
        let pool = try await TestDatabase.shared.freshPool(maximumConnections: 2)
        let clock = TestClock()
        let engine = Engine(pool: pool, clock: clock.engineClock)
        _ = try await engine.deploy(name: "p", resources: [.init(name: "p.bpmn", content: model)])
        let instance = try await engine.startInstance(
            key: "p", variables: ["amount": .integer(12)], origin: CommandOrigin(actor: "ana")
        ).id
        let task: String = try await pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM user_tasks", []).rows[0].decode("id")
        }
        clock.advance(minutes: 1)
        try await engine.claimTask(task, userID: "rita", origin: CommandOrigin(actor: "rita"))
        clock.advance(minutes: 1)
        let long = "Checked with the customer.\n" + String(repeating: "All numbers agree. ", count: 20)
        _ = try await engine.addTaskComment(task, message: long, origin: CommandOrigin(actor: "rita"))
        clock.advance(minutes: 1)
        _ = try await engine.completeTask(task, variables: ["approved": .bool(true)], origin: CommandOrigin(actor: "rita"))
        return (TestDatabase.url(pool.configuration), instance, pool)
    }

    static func run(_ arguments: [String]) async -> CommandLineRunner.Outcome {
        await CommandLineRunner.executeAsync(arguments, environment: [:])
    }

    @Test func theTextTablePrintsOneEventPerLineWithin120Columns() async throws {
        let (url, instance, pool) = try await Self.prepared()
        let count = try await Engine(pool: pool).history.timelineCount(processInstanceId: instance)
        let outcome = await Self.run(["audit", "timeline", instance, "--database-url", url])
        #expect(outcome.status == 0, "\(outcome.errorOutput)")
        #expect(outcome.errorOutput == "\(count) events of instance \(instance)\n")
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.count == count + 1)
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(lines.filter { $0.count > 120 })")
        #expect(lines[0].hasPrefix("SEQ TIME (UTC)              ACTOR ELEMENT            EVENT            CHANGES — WHY"))
        #expect(lines[1].hasPrefix("  1 2026-01-01 00:00:00.000 ana   p (process)"))
        let claim = try #require(lines.first { $0.contains("userTaskChanged") })
        #expect(claim.contains(" rita "))
        #expect(claim.contains("approve (userTask)"))
        #expect(claim.hasSuffix("assignee: - → rita"))
        let comment = try #require(lines.first { $0.contains("taskCommentAdded") })
        #expect(comment.contains("comment: Checked with the customer. All numbers"))
        #expect(comment.count == 120 && comment.hasSuffix("…"))
        #expect(lines.contains { $0.contains("variableCreated") && $0.hasSuffix("amount = 12") })
        #expect(lines.contains { $0.contains(" rita ") && $0.hasSuffix("approved = true") })
        await pool.shutdown()
    }

    @Test func exportFormatsAndFilters() async throws {
        let (url, instance, pool) = try await Self.prepared()
        let all = try await Engine(pool: pool).history.timeline(processInstanceId: instance)
        let base = ["audit", "timeline", instance, "--database-url", url]
        let json = await Self.run(base + ["--format", "json"])
        #expect(json.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(array.count == all.count)
        #expect(array.first?["type"] as? String == "instanceCreated")
        let ndjson = await Self.run(base + ["--format", "ndjson"])
        #expect(ndjson.output.split(separator: "\n").count == all.count)
        let csv = await Self.run(base + ["--format", "csv"])
        #expect(csv.output.hasPrefix("sequence,time,type,command,actor,elementId,"))
        #expect(csv.output.components(separatedBy: "\r\n").count == all.count + 2)

        let rita = await Self.run(base + ["--actor", "rita", "--format", "ndjson"])
        #expect(rita.output.split(separator: "\n").count == all.filter { $0.actor == "rita" }.count)
        let types = await Self.run(base + ["--type", "userTaskChanged", "--type", "taskCommentAdded,elementCompleted"])
        #expect(types.output.split(separator: "\n").count == 1 + all.filter {
            ["userTaskChanged", "taskCommentAdded", "elementCompleted"].contains($0.type)
        }.count)
        let element = await Self.run(base + ["--element", "approve", "--format", "ndjson"])
        #expect(element.output.split(separator: "\n").count == all.filter { $0.element?.id == "approve" }.count)
        let window = await Self.run(
            base + ["--after", "2026-01-01T00:01:00.000+0000", "--before", "2026-01-01T00:02:00.000Z", "--format", "csv"])
        #expect(window.status == 0)
        #expect(window.output.contains(",userTaskChanged,") && window.output.contains(",taskCommentAdded,"))
        #expect(window.output.components(separatedBy: "\r\n").count == 4)
        let page = await Self.run(base + ["--first-result", "1", "--max-results", "2", "--format", "ndjson"])
        #expect(page.output.split(separator: "\n").count == 2)
        await pool.shutdown()
    }

    @Test func exitStatuses() async throws {
        let (url, instance, pool) = try await Self.prepared()
        let unknown = await Self.run(
            ["audit", "timeline", "00000000-0000-0000-0000-000000000000", "--database-url", url])
        #expect(unknown.status == 1)
        #expect(unknown.errorOutput == "error: instance 00000000-0000-0000-0000-000000000000 has no history\n")
        let unreachable = await Self.run(
            ["audit", "timeline", instance, "--database-url", "postgresql://nobody@127.0.0.1:1/nothing"])
        #expect(unreachable.status == 1)
        #expect(unreachable.errorOutput.hasPrefix("error: "))
        for arguments in [
            ["audit", "timeline", instance, "--format", "xml", "--database-url", url],
            ["audit", "timeline", instance, "--after", "yesterday", "--database-url", url],
            ["audit", "timeline", instance, "--type", "", "--database-url", url],
            ["audit", "timeline", instance, "--max-results", "-1", "--database-url", url],
            ["audit", "timeline", "--database-url", url],
        ] {
            let outcome = await Self.run(arguments)
            #expect(outcome.status == 2, "\(arguments): \(outcome)")
        }
        await pool.shutdown()
    }
}
