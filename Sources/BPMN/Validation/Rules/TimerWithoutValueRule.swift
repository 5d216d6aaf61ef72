/// `timer-without-value` (error, executable processes only): a `timerEventDefinition` has none of `timeDate`,
/// `timeDuration` and `timeCycle`, or only empty ones, so the engine cannot tell when it fires (Camunda 7: "Timer
/// needs configuration"). Covers timer events and the timeout timers of Camunda task listeners.
struct TimerWithoutValueRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for nodeIndex in index.nodes.indices where index.isInExecutableProcess(node: nodeIndex) {
            let node = index.nodes[nodeIndex].node
            for definition in node.kind.eventDefinitions {
                guard case .timer(let timer) = definition.kind, !Self.hasValue(timer) else { continue }
                found.append(Diagnostic(
                    .error, .timerWithoutValue,
                    "the timer of \(index.describe(node: nodeIndex)) has no time; add a timeDuration (e.g. PT5M), a "
                        + "timeDate (e.g. 2025-01-31T09:00:00Z) or a timeCycle (e.g. R3/PT10M or a cron expression) "
                        + "to its timerEventDefinition",
                    at: definition.location, element: index.elementID(node: nodeIndex)))
            }
            for listener in node.extensions.camunda?.taskListeners ?? [] {
                guard let timer = listener.timeout, !Self.hasValue(timer) else { continue }
                found.append(Diagnostic(
                    .error, .timerWithoutValue,
                    "the timeout task listener of \(index.describe(node: nodeIndex)) has a timer with no time; add a "
                        + "timeDuration, timeDate or timeCycle to its timerEventDefinition",
                    at: listener.location, element: index.elementID(node: nodeIndex)))
            }
        }
        return found
    }

    /// Whether at least one of the three time expressions has a non-empty body.
    static func hasValue(_ timer: TimerDefinition) -> Bool {
        [timer.timeDate, timer.timeDuration, timer.timeCycle].contains { !($0?.body.isEmpty ?? true) }
    }
}
