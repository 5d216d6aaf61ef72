import BPMN
import EngineCore
import Expressions
import Foundation
import PostgresClient

/// One command and everything it sets off, applied inside one transaction: the command's instance, then instances
/// its effects reach (signals thrown to other instances, called processes started, a calling instance continued
/// when its called process ends). Each instance is row-locked, stepped and written before the next.
struct InstanceTransaction {
    /// A command waiting to be applied.
    struct Pending {
        enum Target {
            /// A new instance of a definition (with the caller, for call activities).
            case new(definitionID: String, superInstance: (id: String, elementKey: Int)?, startedBy: String?)
            /// An existing instance.
            case existing(String)
            /// An existing instance the caller already loaded and locked in this transaction (saves reading it
            /// again).
            case loaded(StoredInstance)
        }

        var target: Target
        var command: Command
        /// The caller's own command: its rejection is an error; follow-ups that find nothing to do are skipped.
        var isPrimary: Bool
        /// The command's name in history.
        var name: String
        /// A check on the loaded instance before the command runs (e.g. the task still exists).
        var check: ((StoredInstance) throws -> Void)?
        /// History rows of the caller's own operation, numbered before the step's events and written with them
        /// (e.g. `externalTaskCompleted`).
        var leadingHistory: [LeadingHistoryRow] = []
        /// For a `.loaded` instance taken from the `InstanceCache` without reading it: the instance row and this
        /// external task are written only if unchanged since (`InstanceWriter.cachedGuard`).
        var cachedGuard: InstanceGuard.ExternalTaskCondition?
    }

    let engine: Engine
    let connection: PostgresConnection
    let origin: CommandOrigin
    let now: DateTime

    /// The most follow-up commands one transaction applies (signals bouncing between instances).
    static let followUpLimit = 1_000

    /// Applies the commands; returns the summary of the first one's instance.
    func run(_ initial: Pending) throws -> InstanceSummary {
        var queue = [initial]
        var index = 0
        var primary: InstanceSummary?
        while index < queue.count {
            guard index <= Self.followUpLimit else {
                throw EngineError.rejected(
                    "the command set off more than \(Self.followUpLimit) follow-up commands (signals or calls "
                        + "between instances that never settle); nothing was applied")
            }
            let pending = queue[index]
            index += 1
            guard let (summary, followUps) = try apply(pending) else { continue }
            if pending.isPrimary { primary = summary }
            queue += followUps
        }
        guard let primary else { throw EngineError.rejected("the command changed nothing") }
        return primary
    }

    /// Applies a command that may find nothing to do, and what it sets off.
    func runFollowUp(_ pending: Pending) throws {
        var queue = [pending]
        var index = 0
        while index < queue.count, index <= Self.followUpLimit {
            let next = queue[index]
            index += 1
            if let (_, followUps) = try apply(next) { queue += followUps }
        }
    }

    private func apply(_ pending: Pending) throws -> (InstanceSummary, [Pending])? {
        var instance: StoredInstance
        var isNew = false
        switch pending.target {
        case .new(let definitionID, let superInstance, _):
            let definition = try engine.definition(definitionID, on: connection)
            let id = RandomID.uuid()
            instance = StoredInstance(
                id: id, definition: definition, state: InstanceState(), revision: 0, historySequence: 0,
                suspended: false, superInstance: superInstance, historyHead: nil, storedID: id)
            isNew = true
        case .existing(let id):
            instance = try StoredInstance.load(id, engine: engine, on: connection)
        case .loaded(let loaded):
            instance = loaded
        }
        if !isNew, instance.suspended {
            if pending.isPrimary {
                throw EngineError.rejected("process instance '\(instance.id)' is suspended; activate it first")
            }
            return nil
        }
        try pending.check?(instance)
        let result = EngineCore.step(instance.definition.process, instance.state, pending.command, StepContext(now: now))
        let step: StepResult
        switch result {
        case .success(let value):
            step = value
        case .failure(let rejection):
            if pending.isPrimary { throw EngineError.rejected(rejection.message) }
            return nil
        }
        var startedBy: String?
        if case .new(_, _, let by) = pending.target { startedBy = by }
        // The engine hashes the step's history rows when it knows the chain's head (always for a new instance);
        // otherwise it leaves them to the trigger.
        var chain: HistoryChain?
        if isNew || instance.historySequence == 0 || instance.historyHead != nil {
            chain = HistoryChain(instanceID: instance.storedID, head: instance.historyHead)
        }
        let writer = InstanceWriter(
            connection: connection, instanceID: instance.id, definition: instance.definition, now: now,
            actor: origin.actor, command: pending.name, historyLevel: engine.historyLevel, chain: chain,
            cachedGuard: isNew ? nil : pending.cachedGuard)
        let written = try writer.write(
            old: instance.state, new: step.state, events: step.events, isNew: isNew, revision: instance.revision + 1,
            historySequence: instance.historySequence, startedBy: startedBy, superInstance: instance.superInstance,
            leading: pending.leadingHistory)
        engine.instanceCache.stageWritten(
            instance.written(
                state: step.state, historySequence: written.historySequence, historyHead: written.historyHead),
            createdExternalTasks: written.createdExternalTasks, ended: written.ended,
            on: ObjectIdentifier(connection))
        for (key, incident) in step.state.incidents where instance.state.incidents[key] == nil {
            engine.metrics.stageIncident(type: incident.kind.rawValue, on: ObjectIdentifier(connection))
        }
        let summary = InstanceSummary(
            id: instance.id, definitionID: instance.definition.id, definitionKey: instance.definition.key,
            businessKey: step.state.businessKey,
            state: step.state.status == .notStarted ? "active" : step.state.status.rawValue,
            hasIncident: !step.state.incidents.isEmpty)
        return (summary, try followUps(of: step.effects, from: instance, state: step.state))
    }

    /// Commands for other instances that the effects call for.
    private func followUps(
        of effects: [Effect], from instance: StoredInstance, state: InstanceState
    ) throws -> [Pending] {
        var result: [Pending] = []
        for effect in effects {
            switch effect {
            case .broadcastSignal(let name, let variables):
                result += try signalDeliveries(name, variables: variables, except: instance.id)
            case .startCalledProcess(let key, let called):
                let definitionID = try latestDefinition(called.processID, calledFrom: instance)
                result.append(
                    Pending(
                        target: .new(
                            definitionID: definitionID, superInstance: (instance.id, key.rawValue),
                            startedBy: origin.actor),
                        command: .start(variables: called.variables, businessKey: called.businessKey, startEvent: nil),
                        isPrimary: false, name: "callActivity"))
            case .cancelCalledProcess(let key):
                let rows = try connection.query(
                    """
                    SELECT id::text AS id FROM process_instances
                    WHERE super_instance_id = $1::uuid AND super_element_key = $2 AND state = 'active'
                    """, [.text(instance.id), .int(key.rawValue)])
                for row in rows.rows {
                    result.append(
                        Pending(target: .existing(try row.decode("id")), command: .cancel, isPrimary: false, name: "cancel"))
                }
            case .instanceEnded(let completed, let variables):
                if completed, let parent = instance.superInstance {
                    result.append(
                        Pending(
                            target: .existing(parent.id),
                            command: .complete(
                                ElementInstanceKey(parent.elementKey), variables: variables, localVariables: [:]),
                            isPrimary: false, name: "calledProcessCompleted"))
                }
            case .invokeConnector(let key, let connectorID, let input):
                // The call happens after commit, in the job executor, with retries.
                try connection.execute(
                    """
                    INSERT INTO jobs (id, process_instance_id, definition_id, kind, element_instance_key, element_id,
                        due_at, payload, created_at)
                    VALUES (gen_random_uuid(), $1::uuid, $2, 'connector', $3, $4, $5::timestamptz, $6::jsonb,
                        $5::timestamptz)
                    """,
                    [
                        .text(instance.id), .text(instance.definition.id), .int(key.rawValue),
                        .text(state.elements[key].map { instance.definition.process[$0.node].id.rawValue } ?? ""),
                        .text(now.iso8601),
                        .text(Value.map(["connectorId": .string(connectorID), "input": .map(input)]).jsonText),
                    ])
                try connection.execute("SELECT pg_notify($1, '')", [.text(JobExecutor.channel)])
            case .scheduleContinuation(let key, let point):
                // The continuation runs in a job of its own, after this transaction commits.
                try connection.execute(
                    """
                    INSERT INTO jobs (id, process_instance_id, definition_id, kind, element_instance_key, element_id,
                        due_at, payload, created_at)
                    VALUES (gen_random_uuid(), $1::uuid, $2, 'async', $3, $4, $5::timestamptz, $6::jsonb,
                        $5::timestamptz)
                    """,
                    [
                        .text(instance.id), .text(instance.definition.id), .int(key.rawValue),
                        .text(state.elements[key].map { instance.definition.process[$0.node].id.rawValue } ?? ""),
                        .text(now.iso8601), .text(Value.map(["point": .string(point.rawValue)]).jsonText),
                    ])
                try connection.execute("SELECT pg_notify($1, '')", [.text(JobExecutor.channel)])
            case .cancelWork(let key):
                try connection.execute(
                    "DELETE FROM jobs WHERE process_instance_id = $1::uuid AND kind = 'connector' AND element_instance_key = $2",
                    [.text(instance.id), .int(key.rawValue)])
            case .createUserTask, .createExternalTask, .scheduleTimer, .cancelTimer,
                .openMessageSubscription, .closeMessageSubscription, .openSignalSubscription,
                .closeSignalSubscription:
                continue  // projected from the state by InstanceWriter; connectors and timers run in the job executor
            }
        }
        return result
    }

    private func signalDeliveries(_ name: String, variables: [String: Value], except: String) throws -> [Pending] {
        let rows = try connection.query(
            """
            SELECT DISTINCT process_instance_id::text AS id FROM event_subscriptions
            WHERE kind = 'signal' AND name = $1 AND process_instance_id IS NOT NULL AND process_instance_id <> $2::uuid
            ORDER BY 1
            """, [.text(name), .text(except)])
        var result: [Pending] = []
        for row in rows.rows {
            result.append(
                Pending(
                    target: .existing(try row.decode("id")), command: .broadcastSignal(name: name, variables: variables),
                    isPrimary: false, name: "signal"))
        }
        result += try StartSubscriptions.starts(
            kind: "signal", name: name, variables: variables, actor: origin.actor, on: connection)
        return result
    }

    private func latestDefinition(_ key: String, calledFrom instance: StoredInstance) throws -> String {
        let rows = try connection.query(
            "SELECT id, suspended FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1", [.text(key)])
        guard let row = rows.rows.first else {
            throw EngineError.rejected(
                "the call activity of process instance '\(instance.id)' calls process '\(key)', which is not deployed")
        }
        let id: String = try row.decode("id")
        if try row.decode("suspended") as Bool {
            throw EngineError.rejected(
                "the call activity of process instance '\(instance.id)' calls process '\(key)', whose latest "
                    + "definition \(id) is suspended")
        }
        return id
    }
}
