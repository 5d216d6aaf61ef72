import EngineRuntime
import Foundation
import PostgresClient

// baton-soak: a workload for crash tests and soak runs. It deploys a one-user-task process and drives instances
// through it (start, then complete the task) until the database holds `--instances` completed instances. It can
// be killed at any moment and started again: every step is one transaction, and it resumes from what is stored.
//
//   baton-soak --database-url postgresql://… [--instances 2000] [--concurrency 4]
//   baton-soak --database-url postgresql://… --executor [--lock-ms 300000] [--owner NAME] [--topic TOPIC]

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let model = Array(
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
      xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="soakDefinitions" targetNamespace="t">
      <process id="soak" isExecutable="true">
        <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
        <userTask id="review" camunda:candidateGroups="reviewers"/>
        <sequenceFlow id="f1" sourceRef="review" targetRef="check"/>
        <scriptTask id="check" scriptFormat="juel" camunda:resultVariable="checked"><script>${amount * 2}</script></scriptTask>
        <sequenceFlow id="f2" sourceRef="check" targetRef="end"/><endEvent id="end"/>
      </process>
    </definitions>
    """.utf8)

guard let url = option("--database-url") else {
    FileHandle.standardError.write(Data("usage: baton-soak --database-url URL [--instances N] [--concurrency C]\n".utf8))
    exit(2)
}
let target = Int(option("--instances") ?? "") ?? 2000
let concurrency = Int(option("--concurrency") ?? "") ?? 4

func count(_ sql: String, _ pool: PostgresPool) async throws -> Int {
    try await pool.withConnection { connection in try connection.query(sql, []).rows.first?.decode("n") ?? 0 }
}

// `--executor`: run a job executor on the database until killed (the multi-node tests start several).
if arguments.contains("--executor") {
    do {
        let pool = PostgresPool(configuration: try PostgresConfiguration.parse(url: url), maximumConnections: 4)
        let lock = Int64(option("--lock-ms") ?? "") ?? 300_000
        let engine = Engine(pool: pool)
        let owner = option("--owner") ?? "soak-\(getpid())"
        let executor = JobExecutor(engine: engine, owner: owner, batchSize: 16, lockMilliseconds: lock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await executor.run(pollInterval: .milliseconds(200)) }
            // `--topic T`: also serve external tasks of topic T, as a worker would.
            if let topic = option("--topic") {
                group.addTask {
                    while !Task.isCancelled {
                        let locked = (try? await engine.fetchAndLock(
                            workerID: owner, maxTasks: 10,
                            topics: [ExternalTaskTopic(topicName: topic, lockDuration: lock)],
                            asyncResponseTimeout: .seconds(1))) ?? []
                        for task in locked {
                            _ = try? await engine.completeExternalTask(task.id, workerID: owner)
                        }
                    }
                }
            }
        }
    } catch {
        FileHandle.standardError.write(Data("baton-soak: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

do {
    let pool = PostgresPool(configuration: try PostgresConfiguration.parse(url: url), maximumConnections: concurrency + 1)
    let engine = Engine(pool: pool)
    _ = try await engine.deploy(name: "soak", resources: [DeploymentResource(name: "soak.bpmn", content: model)])
    while true {
        let tasks: [String] = try await pool.withConnection { connection in
            try connection.query("SELECT id::text AS id FROM user_tasks ORDER BY created_at LIMIT 64", []).rows.map {
                try $0.decode("id")
            }
        }
        let instances = try await count("SELECT count(*) AS n FROM process_instances", pool)
        if tasks.isEmpty && instances >= target { break }
        let toStart = max(0, min(concurrency, target - instances))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<toStart {
                group.addTask {
                    _ = try await engine.startInstance(
                        key: "soak", variables: ["amount": .integer(index + 1)], origin: CommandOrigin(actor: "soak"))
                }
            }
            for task in tasks.prefix(concurrency * 4) {
                group.addTask {
                    do {
                        _ = try await engine.completeUserTask(task, origin: CommandOrigin(actor: "soak"))
                    } catch EngineError.notFound {
                        // completed meanwhile
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    print("completed \(try await count("SELECT count(*) AS n FROM process_instances WHERE state = 'completed'", pool))")
    await pool.shutdown()
} catch {
    FileHandle.standardError.write(Data("baton-soak: \(error)\n".utf8))
    exit(1)
}
