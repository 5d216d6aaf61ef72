import BPMN
import Expressions

extension Interpreter {
    /// Opens the subscriptions of the boundary events attached to an activity; false when one failed (incident).
    mutating func openBoundaries(_ key: ElementInstanceKey) -> Bool {
        guard let element = state.elements[key] else { return false }
        for boundary in process[element.node].boundaryEvents {
            guard case .boundaryEvent(let trigger, _, _) = process[boundary].behavior else { continue }
            switch trigger {
            case .message, .timer, .signal:
                guard openSubscription(owner: key, catcher: boundary, trigger) else { return false }
            case .none, .error, .escalation, .link, .terminate:
                continue
            }
        }
        return true
    }

    /// Opens the subscriptions of the message, timer and signal event sub-processes of a scope.
    mutating func openScopeSubscriptions(_ scope: ElementInstanceKey) -> Bool {
        guard let element = state.elements[scope] else { return false }
        for eventSubProcess in process[element.node].eventSubProcesses {
            for start in process[eventSubProcess].startEvents {
                guard case .startEvent(let trigger, _) = process[start].behavior else { continue }
                switch trigger {
                case .message, .timer, .signal:
                    guard openSubscription(owner: scope, catcher: start, trigger) else { return false }
                case .none, .error, .escalation, .link, .terminate:
                    continue
                }
            }
        }
        return true
    }

    /// Opens one subscription, evaluating names, keys and timer values in the owner's scope. False when that failed
    /// (an incident is raised on the owner).
    mutating func openSubscription(owner: ElementInstanceKey, catcher: NodeIndex, _ trigger: EventTrigger) -> Bool {
        let subscriptionTrigger: SubscriptionTrigger
        switch trigger {
        case .message(let spec):
            guard let name = evaluate(spec.name, in: owner, for: owner, what: "message name") else { return false }
            var correlationKey: String?
            if let expression = spec.correlationKey {
                guard let value = evaluate(expression, in: owner, for: owner, what: "correlation key") else {
                    return false
                }
                correlationKey = value.textValue
            }
            subscriptionTrigger = .message(name: name.textValue ?? "", correlationKey: correlationKey)
        case .signal(let expression):
            guard let name = evaluate(expression, in: owner, for: owner, what: "signal name") else { return false }
            subscriptionTrigger = .signal(name: name.textValue ?? "")
        case .timer(let spec):
            guard let schedule = schedule(spec, owner: owner) else { return false }
            guard let due = schedule.firstDue(startingAt: now) else { return true }  // never fires
            subscriptionTrigger = .timer(due: due, fired: 0)
        case .none, .error, .escalation, .link, .terminate:
            return true
        }
        let key = SubscriptionKey(takeKey())
        emit(.subscriptionOpened(key, Subscription(owner: owner, catcher: catcher, trigger: subscriptionTrigger)))
        switch subscriptionTrigger {
        case .message(let name, let correlationKey):
            effects.append(.openMessageSubscription(key, name: name, correlationKey: correlationKey))
        case .signal(let name):
            effects.append(.openSignalSubscription(key, name: name))
        case .timer(let due, _):
            effects.append(.scheduleTimer(key, due: due))
        }
        return true
    }

    /// The timer's schedule: parsed at compile time, or evaluated now from its expression.
    func scheduleOrNil(_ spec: TimerSpec, owner: ElementInstanceKey) -> TimerSchedule? {
        if let schedule = spec.schedule { return schedule }
        guard case .success(let value) = spec.text.evaluate(in: context(owner)) else { return nil }
        switch value {
        case .dateTime(let date): return .date(date)
        case .duration(let duration): return .duration(duration)
        default:
            guard let text = value.textValue, case .success(let schedule) = TimerSchedule.parse(text, source: spec.source)
            else { return nil }
            return schedule
        }
    }

    private mutating func schedule(_ spec: TimerSpec, owner: ElementInstanceKey) -> TimerSchedule? {
        if let schedule = spec.schedule { return schedule }
        guard let value = evaluate(spec.text, in: owner, for: owner, what: "timer") else { return nil }
        switch value {
        case .dateTime(let date): return .date(date)
        case .duration(let duration): return .duration(duration)
        default:
            let text = value.textValue ?? ""
            switch TimerSchedule.parse(text, source: spec.source) {
            case .success(let schedule):
                return schedule
            case .failure(let error):
                raiseIncident(
                    on: owner, .invalidTimer,
                    "the timer of \(describe(key: owner)) evaluated to an invalid value: \(error.description)",
                    retry: .execute)
                return nil
            }
        }
    }

    /// Closes one subscription and tells the runtime.
    mutating func closeSubscription(_ key: SubscriptionKey) {
        guard let subscription = state.subscriptions[key] else { return }
        emit(.subscriptionClosed(key))
        switch subscription.trigger {
        case .message: effects.append(.closeMessageSubscription(key))
        case .signal: effects.append(.closeSignalSubscription(key))
        case .timer: effects.append(.cancelTimer(key))
        }
    }

    /// Closes every subscription an element instance owns.
    mutating func closeSubscriptions(ownedBy owner: ElementInstanceKey) {
        guard !state.subscriptions.isEmpty else { return }
        for (key, _) in state.subscriptions(ownedBy: owner) { closeSubscription(key) }
    }

    // MARK: Triggers

    mutating func fireTimer(_ key: SubscriptionKey) throws(CommandRejection) {
        guard let subscription = state.subscriptions[key], case .timer(let due, let fired) = subscription.trigger else {
            throw CommandRejection(.notFound, "timer \(key) is not scheduled (any more)")
        }
        emit(.timerFired(key))
        closeSubscription(key)
        if !isInterrupting(subscription.catcher), case .timer(let spec) = trigger(of: subscription.catcher),
            let schedule = scheduleOrNil(spec, owner: subscription.owner),
            // Counted from the later of the due time and now: after downtime an overdue cycle fires once, not once per
            // missed repetition.
            let next = schedule.nextDue(after: max(due, now), firedCount: fired + 1)
        {
            let nextKey = SubscriptionKey(takeKey())
            let renewed = Subscription(
                owner: subscription.owner, catcher: subscription.catcher, trigger: .timer(due: next, fired: fired + 1))
            emit(.subscriptionOpened(nextKey, renewed))
            effects.append(.scheduleTimer(nextKey, due: next))
        }
        trigger(subscription, variables: [:])
    }

    mutating func correlate(
        name: String, correlationKey: String?, variables: [String: Value]
    ) throws(CommandRejection) {
        let match = state.subscriptions.filter { entry in
            guard case .message(let subscribed, let key) = entry.value.trigger, subscribed == name else { return false }
            return key == nil || key == correlationKey
        }.min { $0.key < $1.key }
        guard let (key, subscription) = match else {
            throw CommandRejection(
                .noSubscription,
                "no element of the instance waits for message '\(name)'"
                    + (correlationKey.map { " with correlation key '\($0)'" } ?? ""))
        }
        emit(.messageCorrelated(key, name: name, correlationKey: correlationKey))
        if isInterrupting(subscription.catcher) || !isRepeatable(subscription.catcher) { closeSubscription(key) }
        trigger(subscription, variables: variables)
    }

    /// Delivers a signal to every subscription of this instance that waits for it.
    mutating func deliverSignal(_ name: String, variables: [String: Value]) {
        let matches = state.subscriptions.filter { entry in
            if case .signal(let subscribed) = entry.value.trigger { return subscribed == name }
            return false
        }.sorted { $0.key < $1.key }
        for (key, subscription) in matches {
            guard state.subscriptions[key] != nil, state.elements[subscription.owner] != nil else { continue }
            emit(.signalReceived(key, name: name))
            if isInterrupting(subscription.catcher) || !isRepeatable(subscription.catcher) { closeSubscription(key) }
            trigger(subscription, variables: variables)
        }
    }

    private func trigger(of catcher: NodeIndex) -> EventTrigger? { process[catcher].behavior.catching?.trigger }

    /// Non-interrupting boundary events and event sub-process starts keep their subscription open after firing.
    private func isRepeatable(_ catcher: NodeIndex) -> Bool {
        guard let catching = process[catcher].behavior.catching, !catching.interrupting else { return false }
        if case .startEvent = process[catcher].behavior { return process[catcher].scope != .process }
        return true
    }

    private func isInterrupting(_ catcher: NodeIndex) -> Bool { process[catcher].behavior.catching?.interrupting ?? true }

    /// What happens when a subscription's event arrives, by the kind of catching node.
    mutating func trigger(_ subscription: Subscription, variables: [String: Value]) {
        guard let owner = state.elements[subscription.owner] else { return }
        switch process[subscription.catcher].behavior {
        case .boundaryEvent(_, _, let interrupting):
            let boundary = triggerBoundary(
                owner: subscription.owner, boundary: subscription.catcher, interrupting: interrupting)
            if let boundary { finishTriggered(boundary, variables: variables) }
        case .startEvent(_, let interrupting):
            if let start = triggerEventSubProcess(
                scope: subscription.owner, start: subscription.catcher, interrupting: interrupting,
                variables: variables)
            {
                agenda.append(.complete(start))
            }
        case .catchEvent, .receiveTask:
            if owner.node == subscription.catcher {
                closeSubscriptions(ownedBy: subscription.owner)
                setVariables(variables, from: subscription.owner)
                agenda.append(.complete(subscription.owner))
            } else if case .eventBasedGateway = process[owner.node].behavior, let parent = owner.parent {
                closeSubscriptions(ownedBy: subscription.owner)
                emit(.elementCompleted(subscription.owner, node: owner.node))
                if let flow = process[owner.node].outgoing.first(where: {
                    process[$0].target == subscription.catcher
                }) {
                    emit(.flowTaken(flow, scope: parent))
                }
                let event = activate(subscription.catcher, parent: parent)
                finishTriggered(event, variables: variables)
            }
        default:
            return
        }
    }

    /// Sets the trigger's variables and lets the triggered event complete.
    private mutating func finishTriggered(_ key: ElementInstanceKey, variables: [String: Value]) {
        setVariables(variables, from: key)
        agenda.append(.complete(key))
    }

    /// An event on an activity's boundary: an interrupting one ends the activity first. Returns the boundary event's
    /// new element instance.
    mutating func triggerBoundary(
        owner: ElementInstanceKey, boundary: NodeIndex, interrupting: Bool
    ) -> ElementInstanceKey? {
        guard let parent = state.elements[owner]?.parent else { return nil }
        if interrupting { terminate(owner) }
        return activate(boundary, parent: parent)
    }

    /// An event sub-process starts in `scope`: an interrupting one ends everything else in the scope first. Returns
    /// its start event's new element instance.
    mutating func triggerEventSubProcess(
        scope: ElementInstanceKey, start: NodeIndex, interrupting: Bool, variables: [String: Value]
    ) -> ElementInstanceKey? {
        guard state.elements[scope] != nil, let eventSubProcess = process[start].scope else { return nil }
        if interrupting {
            for (key, subscription) in state.subscriptions(ownedBy: scope) {
                if case .startEvent = process[subscription.catcher].behavior { closeSubscription(key) }
            }
            for child in state.children(of: scope) { terminate(child.key) }
            clearJoins(in: scope)
        }
        let container = activate(eventSubProcess, parent: scope)
        let startKey = activate(start, parent: container)
        setVariables(variables, from: startKey)
        // If the event sub-process's own subscriptions fail (an incident on it), its start token waits there and
        // resolving the incident continues it.
        return openScopeSubscriptions(container) ? startKey : nil
    }

    /// Drops tokens waiting at joins of a scope whose other tokens were ended.
    mutating func clearJoins(in scope: ElementInstanceKey) {
        let points = state.joinArrivals.keys.filter { $0.scope == scope }.sorted { $0.gateway < $1.gateway }
        for point in points { emit(.joinDiscarded(point.gateway, scope: scope)) }
    }
}
