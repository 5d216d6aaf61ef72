import BatonTestSupport
import EngineRuntime
import Expressions
import PostgresClient

/// Models and shortcuts for the history tests.
enum HistoryModels {
    /// start → gateway `gw` (`${amount > 10}` → `approve`, `${amount <= 10}` → end): an instance started without
    /// `amount` stops at the gateway with an `expressionFailed` incident.
    static let route = Models.definitions(
        """
        <process id="route" name="Route" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="gw"/>
          <exclusiveGateway id="gw"/>
          <sequenceFlow id="big" sourceRef="gw" targetRef="approve">
            <conditionExpression>${amount &gt; 10}</conditionExpression></sequenceFlow>
          <sequenceFlow id="small" sourceRef="gw" targetRef="end">
            <conditionExpression>${amount &lt;= 10}</conditionExpression></sequenceFlow>
          <userTask id="approve" name="Approve" camunda:assignee="boss"/>
          <sequenceFlow id="f1" sourceRef="approve" targetRef="end"/><endEvent id="end"/>
        </process>
        """)
}

/// An engine on a fresh database with a hand-moved clock. The pool is small and closed when the harness goes away:
/// the whole test process shares one cluster and its connection limit.
final class HistoryHarness: Sendable {
    let engine: Engine
    let clock: TestClock

    private init(engine: Engine, clock: TestClock) {
        self.engine = engine
        self.clock = clock
    }

    deinit {
        let pool = engine.pool
        Task { await pool.shutdown() }
    }

    static func make(_ models: [UInt8]...) async throws -> HistoryHarness {
        let clock = TestClock()
        let pool = try await TestDatabase.shared.freshPool(maximumConnections: 3)
        let engine = Engine(pool: pool, clock: clock.engineClock)
        for (index, model) in models.enumerated() {
            _ = try await engine.deploy(name: "m\(index)", resources: [.init(name: "m\(index).bpmn", content: model)])
        }
        return HistoryHarness(engine: engine, clock: clock)
    }

    var history: HistoryService { engine.history }

    /// The first text column of a query's rows.
    func strings(_ sql: String, _ parameters: [PostgresValue] = []) async throws -> [String] {
        try await engine.pool.withConnection { connection in
            try connection.query(sql, parameters).rows.map { try $0.decode("v") }
        }
    }

    /// The id of the open user task of an instance.
    func taskID(_ instance: String) async throws -> String {
        try await strings(
            "SELECT id::text AS v FROM user_tasks WHERE process_instance_id = $1::uuid", [.text(instance)]
        )
        .first ?? ""
    }

    /// How many history rows there are (to show that reading or refusing changed nothing).
    func historyRows() async throws -> Int {
        try await engine.pool.withConnection { connection in
            try connection.query("SELECT count(*) AS n FROM history_events", []).rows.first?.decode("n") ?? -1
        }
    }
}
