import BatonTestSupport
import EngineRuntime
import EngineServer
import PostgresClient
import Testing

/// Issue 7's sensitive data: variables named by the configured patterns or by the process's own
/// `sensitiveVariables` property are masked for everyone without the `admins` or `auditors` role; history keeps and
/// hashes the real value; workers get real values.
@Suite struct SensitiveVariableTests {
    static let model: [UInt8] = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="d">
          <process id="payout" isExecutable="true">
            <extensionElements><camunda:properties>
              <camunda:property name="sensitiveVariables" value="iban, card?"/>
            </camunda:properties></extensionElements>
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="approve"/>
            <userTask id="approve" camunda:candidateGroups="reviewers"/>
            <sequenceFlow id="f2" sourceRef="approve" targetRef="pay"/>
            <serviceTask id="pay" camunda:type="external" camunda:topic="pay"/>
            <sequenceFlow id="f3" sourceRef="pay" targetRef="e"/><endEvent id="e"/>
          </process>
        </definitions>
        """.utf8)

    @Test func patternsMatchWholeNamesIgnoringCase() {
        let sensitive = SensitiveVariables(list: " *password* , iban,card?,  ")
        #expect(sensitive.patterns == ["*password*", "iban", "card?"])
        for name in ["password", "dbPassword", "PASSWORD_HASH", "iban", "IBAN", "card1", "cardX"] {
            #expect(sensitive.contains(name), "\(name)")
        }
        for name in ["ibanCountry", "card", "card12", "pass", "amount", ""] {
            #expect(!sensitive.contains(name), "\(name)")
        }
        #expect(!SensitiveVariables.none.contains("password"))
        let backtracking = SensitiveVariables(list: "a*b*c")
        #expect(backtracking.contains("aXXbYYc") && backtracking.contains("abXc") && !backtracking.contains("abXd"))
    }

    @Test func valuesAreMaskedForEveryoneButAdminsAndAuditors() async throws {
        let harness = try await RESTHarness.make(sensitiveVariables: SensitiveVariables(list: "*password*"))
        _ = try await harness.engine.deploy(name: "p", resources: [.init(name: "p.bpmn", content: Self.model)])
        let variables = """
            {"variables": {"iban": {"value": "DE89370400440532013000", "type": "String"},
              "dbPassword": {"value": "hunter2", "type": "String"}, "card7": {"value": 4242, "type": "Integer"},
              "amount": {"value": 120, "type": "Integer"}}}
            """
        let pool = harness.pool
        try await harness.run { client in
            let started = try await client.post("/process-definition/key/payout/start", variables, as: "ana")
            #expect(started.status == .ok)
            let id = try #require(started.json["id"]?.stringValue)

            func expectMasked(_ map: JSON?, _ who: String) {
                for name in ["iban", "dbPassword", "card7"] {
                    #expect(map?[name]?["value"] == .string("***"), "\(who) sees \(name)")
                    #expect(map?[name]?["valueInfo"]?["masked"] == .bool(true))
                }
                #expect(map?["amount"]?["value"] == .int(120), "\(who) must see amount")
            }
            expectMasked(try await client.get("/process-instance/\(id)/variables", as: "ana").json, "ana")
            let one = try await client.get("/process-instance/\(id)/variables/iban", as: "ana").json
            #expect(one["value"] == .string("***"))
            let real = try await client.get("/process-instance/\(id)/variables", as: "admin").json
            #expect(real["iban"]?["value"] == .string("DE89370400440532013000"))
            #expect(real["dbPassword"]?["value"] == .string("hunter2"))
            #expect(real["card7"]?["value"] == .int(4242))

            let tasks = try await client.get("/task?processInstanceId=\(id)", as: "rita").json
            let task = try #require(tasks.arrayValue?.first?["id"]?.stringValue)
            expectMasked(try await client.get("/task/\(task)/variables", as: "rita").json, "rita")
            expectMasked(try await client.get("/task/\(task)/form-variables", as: "rita").json, "rita (form)")
            let single = try await client.get("/task/\(task)/variables/dbPassword", as: "rita")
            #expect(single.json["value"] == .string("***"))
            let completed = try await client.post(
                "/task/\(task)/complete", #"{"withVariablesInReturn": true}"#, as: "rita")
            expectMasked(completed.json, "rita (complete)")

            // Auditors read history with the real values; the history row holds them and the chain covers them.
            let history = try await client.get(
                "/history/variable-instance?processInstanceId=\(id)&variableName=iban", as: "audrey")
            #expect(history.json.arrayValue?.first?["value"] == .string("DE89370400440532013000"))
            let audit = try await client.get("/history/process-instance/\(id)/audit", as: "audrey")
            #expect(audit.json["valid"] == .bool(true))
            let stored: Int = try await pool.withConnection { connection in
                try connection.query(
                    """
                    SELECT count(*) AS n FROM history_events WHERE process_instance_id = $1::uuid
                      AND type = 'variableCreated' AND payload->>'value' = 'DE89370400440532013000'
                    """, [.text(id)]
                ).rows[0].decode("n")
            }
            #expect(stored == 1)

            // The worker doing the payment gets the real values.
            let fetched = try await client.post(
                "/external-task/fetchAndLock",
                #"{"workerId": "w", "maxTasks": 1, "topics": [{"topicName": "pay", "lockDuration": 10000}]}"#,
                as: "walt")
            let workerSees = fetched.json.arrayValue?.first?["variables"]?["iban"]?["value"]
            #expect(workerSees == .string("DE89370400440532013000"))
        }
    }
}
