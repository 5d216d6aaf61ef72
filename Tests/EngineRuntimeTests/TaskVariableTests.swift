import BatonTestSupport
import EngineCore
import EngineRuntime
import Expressions
import PostgresClient
import Testing

/// Task variables (the task's scope chain) and local variables (the task's own scope).
@Suite struct TaskVariableTests {
    @Test func variablesAreSeenFromTheTaskAndLocalOnesStayOnIt() async throws {
        let engine = try await TaskTestSupport.engine()
        let (instance, task) = try await TaskTestSupport.start(engine, variables: ["amount": .integer(10)])
        #expect(try await engine.taskVariables(task) == ["amount": .integer(10), "prio": .integer(50)])
        #expect(try await engine.taskVariables(task, local: true).isEmpty)
        try await engine.modifyTaskVariables(
            task, modifications: ["amount": .integer(20), "fresh": .string("x")], origin: CommandOrigin(actor: "ann"))
        try await engine.modifyTaskVariables(
            task, modifications: ["amount": .integer(99), "mine": .bool(true)], local: true)
        #expect(try await engine.taskVariable(task, name: "amount") == .integer(99))
        #expect(try await engine.taskVariable(task, name: "amount", local: true) == .integer(99))
        #expect(try await engine.taskVariables(task, local: true) == ["amount": .integer(99), "mine": .bool(true)])
        let all = try await engine.taskVariables(task)
        #expect(all["fresh"] == .string("x"))
        #expect(all["amount"] == .integer(99))
        try await engine.deleteTaskVariable(task, name: "amount", local: true)
        #expect(try await engine.taskVariable(task, name: "amount") == .integer(20))
        try await engine.modifyTaskVariables(task, modifications: ["other": .integer(1)], deletions: ["fresh", "nope"])
        #expect(try await engine.taskVariables(task)["fresh"] == nil)
        #expect(try await engine.taskVariables(task)["other"] == .integer(1))
        let missing = await TaskTestSupport.taskError { _ = try await engine.taskVariable(task, name: "nope") }
        #expect(missing == .variableNotFound(taskID: task, name: "nope", local: false))
        let missingLocal = await TaskTestSupport.taskError {
            _ = try await engine.taskVariable(task, name: "other", local: true)
        }
        #expect(missingLocal == .variableNotFound(taskID: task, name: "other", local: true))
        let actors = try await TaskTestSupport.history(engine, instance).filter { $0.2 == "task.setVariables" }
        #expect(actors.map(\.1) == ["ann", "ann", nil])  // two variables set by ann, one by the engine
        #expect(try await ConsistencyCheck(engine: engine).problems(instanceID: instance).isEmpty)
    }
}
