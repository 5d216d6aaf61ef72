import Expressions

extension InstanceState {
    /// Applies one event. Every change of state goes through here, so replaying an instance's events on an empty
    /// state rebuilds it exactly.
    public mutating func apply(_ event: InstanceEvent, in process: ExecutableProcess) {
        switch event {
        case .instanceCreated(let key, let businessKey, let startEvent):
            status = .active
            rootKey = key
            self.businessKey = businessKey
            self.startEvent = startEvent
            use(key.rawValue)
        case .elementActivated(let key, let node, let parent, let role):
            use(key.rawValue)
            elements[key] = ElementInstance(key: key, node: node, parent: parent, role: role)
            if let parent {
                elements[parent]?.childCount += 1
                if case .multiInstanceInner = role { loops[parent]?.started += 1 }
            }
        case .elementCompleted(let key, _):
            if let element = elements[key], let parent = element.parent, case .multiInstanceInner = element.role {
                loops[parent]?.completed += 1
            }
            remove(key)
            if key == rootKey { status = .completed }
        case .elementTerminated(let key, _):
            remove(key)
            if key == rootKey { status = .terminated }
        case .flowTaken(let flow, let scope):
            let taken = process[flow]
            if taken.targetIsJoin {
                joinArrivals[JoinPoint(scope: scope, gateway: taken.target), default: [:]][flow, default: 0] += 1
            }
        case .joinFired(let gateway, let scope, let consumed):
            let point = JoinPoint(scope: scope, gateway: gateway)
            var arrivals = joinArrivals[point] ?? [:]
            for flow in consumed {
                let left = (arrivals[flow] ?? 0) - 1
                arrivals[flow] = left > 0 ? left : nil
            }
            joinArrivals[point] = arrivals.isEmpty ? nil : arrivals
        case .joinDiscarded(let gateway, let scope):
            joinArrivals[JoinPoint(scope: scope, gateway: gateway)] = nil
        case .multiInstanceStarted(let key, let total, let items):
            loops[key] = MultiInstanceProgress(total: total, items: items)
        case .variableCreated(let scope, let name, let value):
            variables[scope, default: [:]][name] = value
            if scope != rootKey { elements[scope]?.hasVariables = true }
        case .variableUpdated(let scope, let name, _, let value):
            variables[scope, default: [:]][name] = value
        case .variableDeleted(let scope, let name, _):
            variables[scope]?[name] = nil
        case .userTaskCreated(let key, let details):
            userTasks[key] = details
        case .userTaskChanged(let key, _, let details):
            userTasks[key] = details
        case .externalTaskCreated(let key, let details):
            externalTasks[key] = details
        case .connectorInvoked, .calledProcessRequested, .timerFired, .messageCorrelated, .signalReceived,
            .signalThrown, .errorThrown, .escalationThrown:
            break
        case .asyncContinuationScheduled(let key, let point):
            asyncPoints[key] = point == .before ? .waitingBefore : .waitingAfter
        case .asyncContinued(let key, let point):
            asyncPoints[key] = point == .before ? .passedBefore : .passedAfter
        case .subscriptionOpened(let key, let subscription):
            use(key.rawValue)
            subscriptions[key] = subscription
        case .subscriptionClosed(let key):
            subscriptions[key] = nil
        case .incidentRaised(let key, let incident):
            use(key.rawValue)
            incidents[key] = incident
        case .incidentResolved(let key):
            incidents[key] = nil
        }
    }

    private mutating func use(_ key: Int) {
        if key >= nextKey { nextKey = key + 1 }
    }

    private mutating func remove(_ key: ElementInstanceKey) {
        guard let element = elements.removeValue(forKey: key) else { return }
        if let parent = element.parent { elements[parent]?.childCount -= 1 }
        // An ended instance keeps its process variables.
        if element.hasVariables, key != rootKey { variables[key] = nil }
        if !userTasks.isEmpty { userTasks[key] = nil }
        if !loops.isEmpty { loops[key] = nil }
        if !asyncPoints.isEmpty { asyncPoints[key] = nil }
        if !externalTasks.isEmpty { externalTasks[key] = nil }
        if !joinArrivals.isEmpty { joinArrivals = joinArrivals.filter { $0.key.scope != key } }
        if !incidents.isEmpty { incidents = incidents.filter { $0.value.element != key } }
    }
}
