import Expressions

extension InstanceState {
    /// The state as one JSON document, for storing beside the instance. Node and flow indices refer to the compiled
    /// process of the instance's definition (stable for the same model).
    public var snapshotJSON: String { snapshotValue.jsonText }

    /// Reads a state written by `snapshotJSON`.
    public init(snapshotJSON text: String) throws(SnapshotError) {
        guard let value = Value(jsonText: text) else { throw SnapshotError("not JSON") }
        try self.init(snapshotValue: value)
    }

    var snapshotValue: Value {
        var root: [String: Value] = [
            "status": .string(status.rawValue), "nextKey": .integer(nextKey),
        ]
        if let rootKey { root["root"] = .integer(rootKey.rawValue) }
        if let businessKey { root["businessKey"] = .string(businessKey) }
        if let startEvent { root["startEvent"] = .integer(startEvent.rawValue) }
        root["elements"] = .list(
            elements.values.sorted { $0.key < $1.key }.map { element in
                let (role, counter): (Int, Int) =
                    switch element.role {
                    case .plain: (0, 0)
                    case .multiInstanceBody: (1, 0)
                    case .multiInstanceInner(let loopCounter): (2, loopCounter)
                    }
                return .list([
                    .integer(element.key.rawValue), .integer(element.node.rawValue),
                    element.parent.map { .integer($0.rawValue) } ?? .null, .integer(role), .integer(counter),
                    .integer(element.childCount), .bool(element.hasVariables),
                ])
            })
        root["variables"] = .list(
            variables.keys.sorted().map { scope in
                .list([.integer(scope.rawValue), .map((variables[scope] ?? [:]).mapValues(SnapshotValue.encode))])
            })
        if !joinArrivals.isEmpty {
            root["joins"] = .list(
                joinArrivals.keys.sorted { ($0.scope, $0.gateway) < ($1.scope, $1.gateway) }.map { point in
                    let arrivals = joinArrivals[point] ?? [:]
                    return .list([
                        .integer(point.scope.rawValue), .integer(point.gateway.rawValue),
                        .list(arrivals.keys.sorted().map { .list([.integer($0.rawValue), .integer(arrivals[$0] ?? 0)]) }),
                    ])
                })
        }
        if !loops.isEmpty {
            root["loops"] = .list(
                loops.keys.sorted().map { key in
                    let loop = loops[key] ?? MultiInstanceProgress(total: 0, items: nil)
                    return .list([
                        .integer(key.rawValue), .integer(loop.total),
                        loop.items.map { .list($0.map(SnapshotValue.encode)) } ?? .null, .integer(loop.started),
                        .integer(loop.completed),
                    ])
                })
        }
        if !asyncPoints.isEmpty {
            root["async"] = .list(
                asyncPoints.keys.sorted().map { .list([.integer($0.rawValue), .string(asyncPoints[$0]?.rawValue ?? "")]) })
        }
        if !subscriptions.isEmpty {
            root["subscriptions"] = .list(
                subscriptions.keys.sorted().map { key in
                    let subscription = subscriptions[key] ?? Subscription(owner: key.elementKey, catcher: .process, trigger: .signal(name: ""))
                    var entry: [Value] = [
                        .integer(key.rawValue), .integer(subscription.owner.rawValue),
                        .integer(subscription.catcher.rawValue),
                    ]
                    switch subscription.trigger {
                    case .message(let name, let correlationKey):
                        entry += [.string("message"), .string(name), correlationKey.map(Value.string) ?? .null]
                    case .signal(let name):
                        entry += [.string("signal"), .string(name), .null]
                    case .timer(let due, let fired):
                        entry += [.string("timer"), .string(due.iso8601), .integer(fired)]
                    }
                    return .list(entry)
                })
        }
        if !incidents.isEmpty {
            root["incidents"] = .list(
                incidents.keys.sorted().compactMap { key in
                    guard let incident = incidents[key] else { return nil }
                    return .list([
                        .integer(key.rawValue), .integer(incident.element.rawValue), .integer(incident.node.rawValue),
                        .string(incident.kind.rawValue), .string(incident.message), .string(incident.retry.code),
                    ])
                })
        }
        if !userTasks.isEmpty {
            root["userTasks"] = .list(
                userTasks.keys.sorted().compactMap { key in
                    guard let task = userTasks[key] else { return nil }
                    return .list([.integer(key.rawValue), task.snapshotValue])
                })
        }
        if !externalTasks.isEmpty {
            root["externalTasks"] = .list(
                externalTasks.keys.sorted().compactMap { key in
                    guard let task = externalTasks[key] else { return nil }
                    return .list([
                        .integer(key.rawValue), .string(task.topic), .integer(task.priority),
                        task.retries.map(Value.integer) ?? .null,
                    ])
                })
        }
        return .map(root)
    }

    init(snapshotValue value: Value) throws(SnapshotError) {
        self.init()
        let root = try Snapshot.map(value, "snapshot")
        guard let status = Status(rawValue: try Snapshot.string(root["status"], "status")) else {
            throw SnapshotError("unknown status")
        }
        self.status = status
        nextKey = try Snapshot.int(root["nextKey"], "nextKey")
        rootKey = try Snapshot.optionalInt(root["root"], "root").map(ElementInstanceKey.init)
        businessKey = try Snapshot.optionalString(root["businessKey"], "businessKey")
        startEvent = try Snapshot.optionalInt(root["startEvent"], "startEvent").map(NodeIndex.init)
        for item in try Snapshot.list(root["elements"] ?? .list([]), "elements") {
            let fields = try Snapshot.list(item, "element")
            guard fields.count == 7 else { throw SnapshotError("element has \(fields.count) fields") }
            let key = ElementInstanceKey(try Snapshot.int(fields[0], "element key"))
            let role: InstanceRole
            switch try Snapshot.int(fields[3], "role") {
            case 0: role = .plain
            case 1: role = .multiInstanceBody
            default: role = .multiInstanceInner(loopCounter: try Snapshot.int(fields[4], "loop counter"))
            }
            var element = ElementInstance(
                key: key, node: NodeIndex(try Snapshot.int(fields[1], "node")),
                parent: try Snapshot.optionalInt(fields[2], "parent").map(ElementInstanceKey.init), role: role)
            element.childCount = try Snapshot.int(fields[5], "child count")
            guard case .bool(let hasVariables) = fields[6] else { throw SnapshotError("hasVariables is not a boolean") }
            element.hasVariables = hasVariables
            elements[key] = element
        }
        for item in try Snapshot.list(root["variables"] ?? .list([]), "variables") {
            let fields = try Snapshot.list(item, "variable scope")
            guard fields.count == 2 else { throw SnapshotError("variable scope has \(fields.count) fields") }
            let scope = ElementInstanceKey(try Snapshot.int(fields[0], "scope"))
            var values: [String: Value] = [:]
            for (name, raw) in try Snapshot.map(fields[1], "variables") { values[name] = try SnapshotValue.decode(raw) }
            variables[scope] = values
        }
        for item in try Snapshot.list(root["joins"] ?? .list([]), "joins") {
            let fields = try Snapshot.list(item, "join")
            guard fields.count == 3 else { throw SnapshotError("join has \(fields.count) fields") }
            let point = JoinPoint(
                scope: ElementInstanceKey(try Snapshot.int(fields[0], "join scope")),
                gateway: NodeIndex(try Snapshot.int(fields[1], "join gateway")))
            var arrivals: [FlowIndex: Int] = [:]
            for pair in try Snapshot.list(fields[2], "arrivals") {
                let parts = try Snapshot.list(pair, "arrival")
                guard parts.count == 2 else { throw SnapshotError("arrival has \(parts.count) fields") }
                arrivals[FlowIndex(try Snapshot.int(parts[0], "flow"))] = try Snapshot.int(parts[1], "count")
            }
            joinArrivals[point] = arrivals
        }
        for item in try Snapshot.list(root["loops"] ?? .list([]), "loops") {
            let fields = try Snapshot.list(item, "loop")
            guard fields.count == 5 else { throw SnapshotError("loop has \(fields.count) fields") }
            var items: [Value]?
            if case .list(let list) = fields[2] {
                var decoded: [Value] = []
                for entry in list { decoded.append(try SnapshotValue.decode(entry)) }
                items = decoded
            }
            var loop = MultiInstanceProgress(total: try Snapshot.int(fields[1], "total"), items: items)
            loop.started = try Snapshot.int(fields[3], "started")
            loop.completed = try Snapshot.int(fields[4], "completed")
            loops[ElementInstanceKey(try Snapshot.int(fields[0], "loop key"))] = loop
        }
        for item in try Snapshot.list(root["async"] ?? .list([]), "async") {
            let fields = try Snapshot.list(item, "async point")
            guard fields.count == 2, let point = AsyncState(rawValue: try Snapshot.string(fields[1], "async state")) else {
                throw SnapshotError("invalid async point")
            }
            asyncPoints[ElementInstanceKey(try Snapshot.int(fields[0], "async key"))] = point
        }
        for item in try Snapshot.list(root["subscriptions"] ?? .list([]), "subscriptions") {
            let fields = try Snapshot.list(item, "subscription")
            guard fields.count == 6 else { throw SnapshotError("subscription has \(fields.count) fields") }
            let trigger: SubscriptionTrigger
            switch try Snapshot.string(fields[3], "subscription kind") {
            case "message":
                trigger = .message(
                    name: try Snapshot.string(fields[4], "message name"),
                    correlationKey: try Snapshot.optionalString(fields[5], "correlation key"))
            case "signal":
                trigger = .signal(name: try Snapshot.string(fields[4], "signal name"))
            case "timer":
                let text = try Snapshot.string(fields[4], "due")
                guard let due = DateTime.parse(text) else { throw SnapshotError("invalid due time '\(text)'") }
                trigger = .timer(due: due, fired: try Snapshot.int(fields[5], "fired"))
            case let other:
                throw SnapshotError("unknown subscription kind '\(other)'")
            }
            subscriptions[SubscriptionKey(try Snapshot.int(fields[0], "subscription key"))] = Subscription(
                owner: ElementInstanceKey(try Snapshot.int(fields[1], "owner")),
                catcher: NodeIndex(try Snapshot.int(fields[2], "catcher")), trigger: trigger)
        }
        for item in try Snapshot.list(root["incidents"] ?? .list([]), "incidents") {
            let fields = try Snapshot.list(item, "incident")
            guard fields.count == 6, let kind = IncidentKind(rawValue: try Snapshot.string(fields[3], "incident kind")),
                let retry = RetryPoint(code: try Snapshot.string(fields[5], "retry"))
            else { throw SnapshotError("invalid incident") }
            incidents[IncidentKey(try Snapshot.int(fields[0], "incident key"))] = Incident(
                element: ElementInstanceKey(try Snapshot.int(fields[1], "incident element")),
                node: NodeIndex(try Snapshot.int(fields[2], "incident node")), kind: kind,
                message: try Snapshot.string(fields[4], "incident message"), retry: retry)
        }
        for item in try Snapshot.list(root["userTasks"] ?? .list([]), "userTasks") {
            let fields = try Snapshot.list(item, "user task")
            guard fields.count == 2 else { throw SnapshotError("user task has \(fields.count) fields") }
            userTasks[ElementInstanceKey(try Snapshot.int(fields[0], "task key"))] = try UserTaskDetails(
                snapshotValue: fields[1])
        }
        for item in try Snapshot.list(root["externalTasks"] ?? .list([]), "externalTasks") {
            let fields = try Snapshot.list(item, "external task")
            guard fields.count == 4 else { throw SnapshotError("external task has \(fields.count) fields") }
            externalTasks[ElementInstanceKey(try Snapshot.int(fields[0], "task key"))] = ExternalTaskDetails(
                topic: try Snapshot.string(fields[1], "topic"), priority: try Snapshot.int(fields[2], "priority"),
                retries: try Snapshot.optionalInt(fields[3], "retries"))
        }
    }
}

extension SubscriptionKey {
    fileprivate var elementKey: ElementInstanceKey { ElementInstanceKey(rawValue) }
}

extension RetryPoint {
    var code: String {
        switch self {
        case .execute: "execute"
        case .complete: "complete"
        case .acknowledge: "acknowledge"
        case .checkJoins: "checkJoins"
        }
    }

    init?(code: String) {
        switch code {
        case "execute": self = .execute
        case "complete": self = .complete
        case "acknowledge": self = .acknowledge
        case "checkJoins": self = .checkJoins
        default: return nil
        }
    }
}

extension UserTaskDetails {
    var snapshotValue: Value {
        var map: [String: Value] = [
            "candidateUsers": .list(candidateUsers.map(Value.string)),
            "candidateGroups": .list(candidateGroups.map(Value.string)), "priority": .integer(priority),
        ]
        if let assignee { map["assignee"] = .string(assignee) }
        if let dueDate { map["due"] = .string(dueDate.iso8601) }
        if let followUpDate { map["followUp"] = .string(followUpDate.iso8601) }
        if let formKey { map["formKey"] = .string(formKey) }
        if let name { map["name"] = .string(name) }
        if let description { map["description"] = .string(description) }
        if let owner { map["owner"] = .string(owner) }
        if let delegationState { map["delegationState"] = .string(delegationState.rawValue) }
        return .map(map)
    }

    init(snapshotValue value: Value) throws(SnapshotError) {
        let map = try Snapshot.map(value, "user task")
        func date(_ key: String) throws(SnapshotError) -> DateTime? {
            guard let text = try Snapshot.optionalString(map[key], key) else { return nil }
            guard let date = DateTime.parse(text) else { throw SnapshotError("invalid \(key) '\(text)'") }
            return date
        }
        func names(_ key: String) throws(SnapshotError) -> [String] {
            var result: [String] = []
            for item in try Snapshot.list(map[key] ?? .list([]), key) { result.append(try Snapshot.string(item, key)) }
            return result
        }
        self.init(
            assignee: try Snapshot.optionalString(map["assignee"], "assignee"), candidateUsers: try names("candidateUsers"),
            candidateGroups: try names("candidateGroups"), dueDate: try date("due"), followUpDate: try date("followUp"),
            priority: try Snapshot.int(map["priority"], "priority"),
            formKey: try Snapshot.optionalString(map["formKey"], "formKey"),
            name: try Snapshot.optionalString(map["name"], "name"),
            description: try Snapshot.optionalString(map["description"], "description"),
            owner: try Snapshot.optionalString(map["owner"], "owner"))
        if let state = try Snapshot.optionalString(map["delegationState"], "delegationState") {
            guard let parsed = DelegationState(rawValue: state) else {
                throw SnapshotError("invalid delegationState '\(state)'")
            }
            delegationState = parsed
        }
    }
}

/// Typed readers for snapshot fields; each failure names the field.
enum Snapshot {
    static func map(_ value: Value?, _ what: String) throws(SnapshotError) -> [String: Value] {
        guard case .map(let map)? = value else { throw SnapshotError("\(what) is not an object") }
        return map
    }

    static func list(_ value: Value?, _ what: String) throws(SnapshotError) -> [Value] {
        guard case .list(let list)? = value else { throw SnapshotError("\(what) is not a list") }
        return list
    }

    static func int(_ value: Value?, _ what: String) throws(SnapshotError) -> Int {
        guard case .integer(let number)? = value else { throw SnapshotError("\(what) is not an integer") }
        return number
    }

    static func optionalInt(_ value: Value?, _ what: String) throws(SnapshotError) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .integer(let number)?: return number
        default: throw SnapshotError("\(what) is not an integer")
        }
    }

    static func string(_ value: Value?, _ what: String) throws(SnapshotError) -> String {
        guard case .string(let text)? = value else { throw SnapshotError("\(what) is not a string") }
        return text
    }

    static func optionalString(_ value: Value?, _ what: String) throws(SnapshotError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw SnapshotError("\(what) is not a string")
        }
    }
}
