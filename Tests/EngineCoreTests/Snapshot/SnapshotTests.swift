import BPMN
import EngineCore
import Expressions
import Testing

/// Snapshots read back exactly: every value type, tagged temporal values, and maps that look like tags.
@Suite struct SnapshotTests {
    static let values: [Value] = [
        .null, .bool(true), .integer(-7), .decimal(1.0), .decimal(2.5), .string("a \"quoted\" ü"),
        .dateTime(DateTime(epochMilliseconds: 1_767_225_600_250, offsetSeconds: 3600)),
        .duration(ISODuration(months: 14, days: 3, milliseconds: 5_500)),
        .list([.integer(1), .list([]), .map([:])]),
        .map(["$date": .string("not a date, a user key")]), .map(["$map": .integer(1)]),
        .map(["a": .dateTime(DateTime(epochMilliseconds: 0, offsetSeconds: nil)), "b": .null]),
    ]

    @Test(arguments: values) func variableValuesReadBackExactly(_ value: Value) throws {
        let process = try TestProcess.compile(
            """
            <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="wait"/><userTask id="wait"/>
            """)
        var driver = Driver(process)
        try driver.start(["v": value])
        let restored = try InstanceState(snapshotJSON: driver.state.snapshotJSON)
        #expect(restored == driver.state)
        #expect(restored.processVariables["v"] == value)
    }

    @Test func aWaitingStateWithTimersTasksJoinsAndIncidentsReadsBack() throws {
        var driver = Driver(try TestProcess.compile(GatewayBehaviorTests.forkJoin))
        try driver.start()
        try driver.complete("a")  // a token waits at the join
        #expect(!driver.state.joinArrivals.isEmpty)
        #expect(try InstanceState(snapshotJSON: driver.state.snapshotJSON) == driver.state)
    }

    @Test func corruptSnapshotsAreRefusedWithAReason() {
        #expect(throws: SnapshotError.self) { try InstanceState(snapshotJSON: "{") }
        do {
            _ = try InstanceState(snapshotJSON: #"{"status":"active","nextKey":"x"}"#)
            Issue.record("a string key counter must be refused")
        } catch {
            #expect(error.description.contains("nextKey"))
        }
    }
}
