import BatonTestSupport
import EngineRuntime
import EngineServer
import Expressions
import Testing

/// `GET /history/process-instance/{id}/timeline` and `…/timeline/count`: formats, filters, paging, errors, access.
@Suite(.serialized) struct TimelineRoutesTests {
    static let model: [UInt8] = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d">
          <process id="audited" isExecutable="true">
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
            <userTask id="t1" name="Check, then &quot;sign&quot;"/><sequenceFlow id="f2" sourceRef="t1" targetRef="e"/>
            <endEvent id="e"/>
          </process>
        </definitions>
        """.utf8)

    /// An instance started by ana with `amount`, its task claimed by rita a minute later, then `amount` changed.
    static func prepared() async throws -> (RESTHarness, String, TestClock) {
        let clock = TestClock()
        let harness = try await RESTHarness.make(clock: clock.engineClock)
        _ = try await harness.engine.deploy(name: "a", resources: [.init(name: "a.bpmn", content: Self.model)])
        let id = try await harness.engine.startInstance(
            key: "audited", variables: ["amount": .integer(1)], origin: CommandOrigin(actor: "ana")
        ).id
        clock.advance(minutes: 1)
        let task: String = try await harness.pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM user_tasks", []).rows[0].decode("id")
        }
        try await harness.engine.claimTask(task, userID: "rita", origin: CommandOrigin(actor: "rita"))
        clock.advance(minutes: 1)
        try await harness.engine.modifyVariables(
            id, set: ["amount": .integer(2)], delete: [], origin: CommandOrigin(actor: "admin"))
        return (harness, id, clock)
    }

    @Test func jsonEntriesFollowTheContract() async throws {
        let (harness, id, _) = try await Self.prepared()
        try await harness.run { client in
            let response = try await client.get("/history/process-instance/\(id)/timeline", as: "audrey")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let entries = try #require(response.json.arrayValue)
            #expect(entries.map { $0["sequence"]?.intValue ?? 0 } == Array(1...Int64(entries.count)))
            let first = try #require(entries.first)
            #expect(first.objectValue?.map(\.0) == [
                "sequence", "time", "type", "command", "actor", "element", "changes", "reason", "hash", "previousHash",
            ])
            #expect(first["time"] == .string("2026-01-01T00:00:00.000+0000"))
            #expect(first["previousHash"] == .null)
            #expect(first["hash"]?.stringValue?.count == 64)
            let claim = try #require(entries.first { $0["type"] == .string("userTaskChanged") })
            #expect(claim["actor"] == .string("rita"))
            #expect(claim["time"] == .string("2026-01-01T00:01:00.000+0000"))
            #expect(claim["element"] == .object([
                ("id", .string("t1")), ("name", .string("Check, then \"sign\"")), ("type", .string("userTask")),
            ]))
            #expect(claim["changes"] == .array([
                .object([("kind", .string("assignee")), ("old", .null), ("new", .string("rita"))]),
            ]))
            #expect(claim["reason"] == .null)
            let update = try #require(entries.first { $0["type"] == .string("variableUpdated") })
            #expect(update["changes"] == .array([
                .object([
                    ("kind", .string("variable")), ("name", .string("amount")), ("scope", .string("audited")),
                    ("old", .int(1)), ("new", .int(2)),
                ]),
            ]))
            let count = try await client.get("/history/process-instance/\(id)/timeline/count", as: "audrey")
            #expect(count.json["count"] == .int(Int64(entries.count)))
        }
    }

    @Test func ndjsonAndCSVExportTheSameEntries() async throws {
        let (harness, id, _) = try await Self.prepared()
        try await harness.run { client in
            let json = try await client.get("/history/process-instance/\(id)/timeline", as: "audrey").json
            let entries = try #require(json.arrayValue)
            let ndjson = try await client.get("/history/process-instance/\(id)/timeline?format=ndjson", as: "audrey")
            #expect(ndjson.status == .ok)
            #expect(ndjson.headers[.contentType] == "application/x-ndjson")
            let lines = ndjson.text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.last == "")
            #expect(lines.dropLast().map { (try? JSONParser.parse(Array($0.utf8))) ?? .null } == entries)
            let csv = try await client.get("/history/process-instance/\(id)/timeline?format=csv", as: "audrey")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv")
            let rows = csv.text.components(separatedBy: "\r\n")
            #expect(rows.first == TimelineExport.csvColumns.joined(separator: ","))
            #expect(rows.count == entries.count + 2)  // header, entries, and the empty rest after the last CRLF
            let claim = try #require(rows.first { $0.contains(",userTaskChanged,") })
            #expect(claim.contains(",rita,t1,\"Check, then \"\"sign\"\"\",userTask,"))
            #expect(claim.contains("\"[{\"\"kind\"\":\"\"assignee\"\",\"\"old\"\":null,\"\"new\"\":\"\"rita\"\"}]\""))
        }
    }

    @Test func filtersAndPaging() async throws {
        let (harness, id, _) = try await Self.prepared()
        try await harness.run { client in
            let base = "/history/process-instance/\(id)/timeline"
            let all = try #require(try await client.get(base, as: "audrey").json.arrayValue)
            func get(_ query: String) async throws -> [JSON] {
                let response = try await client.get("\(base)?\(query)", as: "audrey")
                #expect(response.status == .ok, "\(query): \(response.text)")
                let count = try await client.get("\(base)/count?\(query)", as: "audrey")
                let entries = response.json.arrayValue ?? []
                if !query.contains("Result") { #expect(count.json["count"] == .int(Int64(entries.count)), "\(query)") }
                return entries
            }
            #expect(try await get("actor=rita").map { $0["type"] } == [.string("userTaskChanged")])
            #expect(try await get("elementId=t1") == all.filter { $0["element"]?["id"] == .string("t1") })
            let types = try await get("type=variableUpdated&type=userTaskChanged")
            #expect(types.compactMap { $0["type"]?.stringValue } == ["userTaskChanged", "variableUpdated"])
            #expect(try await get("type=variableUpdated,userTaskChanged") == types)
            let window = try await get(
                "occurredAfter=2026-01-01T00:01:00.000%2B0000&occurredBefore=2026-01-01T00:01:00.000%2B0000")
            #expect(window.compactMap { $0["type"]?.stringValue } == ["userTaskChanged"])
            #expect(try await get("occurredAfter=2026-01-01T01:00:00.000%2B0100").count == all.count)
            #expect(try await get("firstResult=1&maxResults=2") == Array(all[1..<3]))
            #expect(try await get("maxResults=0").isEmpty)
        }
    }

    @Test func badParametersUnknownInstancesAndOtherRoles() async throws {
        let (harness, id, _) = try await Self.prepared()
        try await harness.run { client in
            let base = "/history/process-instance/\(id)/timeline"
            for (query, parameter) in [
                ("format=xml", "format"), ("occurredAfter=yesterday", "occurredAfter"),
                ("occurredBefore=2026-13-01", "occurredBefore"), ("firstResult=-1", "firstResult"),
                ("maxResults=many", "maxResults"), ("type=", "type"), ("type=a,,b", "type"), ("actor=", "actor"),
                ("elementId=", "elementId"),
            ] {
                let response = try await client.get("\(base)?\(query)", as: "audrey")
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.json["type"] == .string("InvalidRequestException"), "\(query)")
                let message = response.json["message"]?.stringValue ?? ""
                #expect(message.contains("'\(parameter)'"), "\(query): \(message)")
            }
            #expect(try await client.get("\(base)/count?occurredAfter=x", as: "audrey").status == .badRequest)
            for path in [
                "/history/process-instance/00000000-0000-0000-0000-000000000000/timeline",
                "/history/process-instance/nope/timeline", "/history/process-instance/nope/timeline/count",
            ] {
                let response = try await client.get(path, as: "audrey")
                #expect(response.status == .notFound, "\(path)")
                #expect(response.json["message"]?.stringValue?.contains("does not exist") == true)
            }
            for user in ["rita", "ana", "walt", "nobody"] {
                let response = try await client.get(base, as: user)
                #expect(response.status == .forbidden, "\(user)")
                #expect(try await client.get(base + "/count", as: user).status == .forbidden, "\(user)")
            }
            #expect(try await client.get(base, as: "admin").status == .ok)
            #expect(try await client.get(base, as: nil).status == .unauthorized)
        }
    }
}
