import BatonTestSupport
import EngineRuntime
import Expressions
import Foundation
import PostgresClient
import Synchronization

/// A clock the external task tests move by hand.
final class ExternalTaskTestClock: Sendable {
    private let milliseconds = Mutex<Int64>(1_767_225_600_000)  // 2026-01-01T00:00:00Z

    var clock: EngineClock {
        EngineClock { DateTime(epochMilliseconds: self.milliseconds.withLock { $0 }, offsetSeconds: 0) }
    }

    func advance(milliseconds delta: Int64) { milliseconds.withLock { $0 += delta } }
}

/// Models for the external task tests.
enum ExternalTaskModels {
    /// start → `task` (external, topic `${topic}`, priority `${prio}`, local input `local`, local `a` shadowing the
    /// process's) → `after` (user task) → end; an error boundary `E_FAIL` on `task` → `handled` (user task).
    static let work = Models.definitions(
        """
        <error id="fail" errorCode="E_FAIL"/>
        <process id="work" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="task"/>
          <serviceTask id="task" camunda:type="external" camunda:topic="${topic}" camunda:taskPriority="${prio}">
            <extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="local">L</camunda:inputParameter>
              <camunda:inputParameter name="a">inner</camunda:inputParameter>
            </camunda:inputOutput></extensionElements>
          </serviceTask>
          <boundaryEvent id="failed" attachedToRef="task"><errorEventDefinition errorRef="fail"/></boundaryEvent>
          <sequenceFlow id="f1" sourceRef="task" targetRef="after"/><userTask id="after"/>
          <sequenceFlow id="f2" sourceRef="after" targetRef="end"/><endEvent id="end"/>
          <sequenceFlow id="f3" sourceRef="failed" targetRef="handled"/><userTask id="handled"/>
        </process>
        """)
}

/// Shortcuts for the external task tests.
struct ExternalTaskHarness {
    let engine: Engine
    let time: ExternalTaskTestClock

    static func make(clock: Bool = true, connections: Int = 8) async throws -> ExternalTaskHarness {
        let time = ExternalTaskTestClock()
        let pool = try await TestDatabase.shared.freshPool(maximumConnections: connections)
        let engine = clock ? Engine(pool: pool, clock: time.clock) : Engine(pool: pool)
        _ = try await engine.deploy(name: "w", resources: [.init(name: "w.bpmn", content: ExternalTaskModels.work)])
        return ExternalTaskHarness(engine: engine, time: time)
    }

    @discardableResult
    func start(topic: String = "t", priority: Int = 0, variables: [String: Value] = [:]) async throws -> String {
        var all = variables
        all["topic"] = .string(topic)
        all["prio"] = .integer(priority)
        return try await engine.startInstance(key: "work", variables: all).id
    }

    func fetch(
        _ worker: String, max: Int = 10, topic: String = "t", lock: Int64 = 10_000, variables: [String]? = [],
        local: Bool = false, usePriority: Bool = true
    ) async throws -> [LockedExternalTask] {
        try await engine.fetchAndLock(
            workerID: worker, maxTasks: max,
            topics: [.init(topicName: topic, lockDuration: lock, variables: variables, localVariables: local)],
            usePriority: usePriority)
    }

    func count(_ sql: String, _ parameters: [PostgresValue] = []) async throws -> Int {
        try await engine.pool.withConnection { connection in
            try connection.query(sql, parameters).rows.first?.decode("n") ?? -1
        }
    }
}
