@testable import BPMN

/// The fixture cases of `ValidationRuleTests`: the rules about running a model (executable processes only).
extension ValidationRuleTests {
    /// Required references, links, gateways, start events, reachability and timers.
    static let executionCases: [RuleCase] = [
        RuleCase(
            fixture: "called-element-missing", rule: .danglingReference, severity: .warning, line: 7, column: 5,
            element: "call", valid: "dangling-reference-valid",
            excerpt: "callActivity 'call' calls process 'billing', which is not in this document"),
        RuleCase(
            fixture: "message-catch-without-ref", rule: .danglingReference, severity: .error, line: 8, column: 7,
            element: "wait", valid: "required-reference-valid",
            excerpt: "the messageEventDefinition of intermediateCatchEvent 'wait' has no messageRef; attribute "
                + "'messageRef' is required"),
        RuleCase(
            fixture: "receive-task-without-ref", rule: .danglingReference, severity: .warning, line: 7, column: 5,
            element: "receive", valid: "required-reference-valid",
            excerpt: "receiveTask 'receive' has no messageRef, so no message can reach it"),
        RuleCase(
            fixture: "signal-boundary-without-ref", rule: .danglingReference, severity: .error, line: 11, column: 7,
            element: "b", valid: "required-reference-valid",
            excerpt: "the signalEventDefinition of boundaryEvent 'b' has no signalRef; attribute 'signalRef' is "
                + "required"),
        RuleCase(
            fixture: "link-without-catch", rule: .flowMismatch, severity: .error, line: 7, column: 5,
            element: "jump", valid: "link-valid",
            excerpt: "intermediateThrowEvent 'jump' jumps to link 'next', but no intermediate catch event in process "
                + "'p' has that link name"),
        RuleCase(
            fixture: "link-duplicate-catch", rule: .flowMismatch, severity: .error, line: 13, column: 5,
            element: "land-again", valid: "link-valid",
            excerpt: "intermediateCatchEvent 'land-again' has the link name 'next', like intermediateCatchEvent 'land' "
                + "in process 'p'"),
        RuleCase(
            fixture: "unconditioned-exclusive", rule: .unconditionedGatewayFlow, severity: .error, line: 11, column: 5,
            element: "f3", valid: "unconditioned-valid",
            excerpt: "sequence flow 'f3' leaves exclusiveGateway 'gw' without a condition and is not its default flow "
                + "('f4'); with a default flow every other outgoing flow needs a condition"),
        RuleCase(
            fixture: "unconditioned-empty-condition", rule: .unconditionedGatewayFlow, severity: .error, line: 11,
            column: 5,
            element: "f3", valid: "unconditioned-valid",
            excerpt: "sequence flow 'f3' leaves exclusiveGateway 'gw' without a condition and is not its default flow "
                + "('f4')"),
        RuleCase(
            fixture: "unconditioned-assumed-default", rule: .unconditionedGatewayFlow, severity: .warning, line: 11,
            column: 5,
            element: "f3", valid: "unconditioned-valid",
            excerpt: "sequence flow 'f3' leaves exclusiveGateway 'gw' without a condition and is not its default flow; "
                + "Camunda 7 takes it as the default when no condition holds — say so with default=\"f3\" on the "
                + "gateway"),
        RuleCase(
            fixture: "exclusive-no-outgoing", rule: .unconditionedGatewayFlow, severity: .error, line: 7, column: 5,
            element: "gw", valid: "unconditioned-valid",
            excerpt: "exclusiveGateway 'gw' has no outgoing sequence flows"),
        RuleCase(
            fixture: "exclusive-single-conditioned", rule: .unconditionedGatewayFlow, severity: .error, line: 8,
            column: 5,
            element: "f2", valid: "unconditioned-valid",
            excerpt: "sequence flow 'f2' is the only flow leaving exclusiveGateway 'gw' but has a condition"),
        RuleCase(
            fixture: "exclusive-default-conditioned", rule: .unconditionedGatewayFlow, severity: .error, line: 11,
            column: 5,
            element: "f3", valid: "unconditioned-valid",
            excerpt: "sequence flow 'f3' is the default flow of exclusiveGateway 'gw' but has a condition"),
        RuleCase(
            fixture: "unconditioned-inclusive", rule: .unconditionedGatewayFlow, severity: .warning, line: 11,
            column: 5,
            element: "f3", valid: "unconditioned-valid",
            excerpt: "so it is taken every time the gateway is passed"),
        RuleCase(
            fixture: "missing-start-event", rule: .missingStartEvent, severity: .error, line: 4, column: 3,
            element: "p", valid: "start-event-valid",
            excerpt: "executable process 'p' cannot be started: it has no start event; add a none, timer, message, "
                + "signal or conditional start event"),
        RuleCase(
            fixture: "missing-start-error-only", rule: .missingStartEvent, severity: .error, line: 5, column: 3,
            element: "p", valid: "start-event-valid",
            excerpt: "its start events (startEvent 'start') only start event sub-processes"),
        RuleCase(
            fixture: "multiple-none-start", rule: .missingStartEvent, severity: .error, line: 7, column: 5,
            element: "start-again", valid: "start-event-valid",
            excerpt: "startEvent 'start-again' is another none or timer start event of process 'p', after startEvent "
                + "'start'; Camunda 7 starts a process at one none or timer start event"),
        RuleCase(
            fixture: "none-and-timer-start", rule: .missingStartEvent, severity: .error, line: 7, column: 5,
            element: "nightly", valid: "start-event-valid",
            excerpt: "startEvent 'nightly' is another none or timer start event of process 'p', after startEvent "
                + "'start'"),
        RuleCase(
            fixture: "subprocess-without-start", rule: .missingStartEvent, severity: .error, line: 7, column: 5,
            element: "sub", valid: "start-event-valid",
            excerpt: "subProcess 'sub' has no start event; Camunda 7 requires one in every embedded sub-process "
                + "(\"subProcess must define a startEvent element\")"),
        RuleCase(
            fixture: "transaction-without-start", rule: .missingStartEvent, severity: .error, line: 7, column: 5,
            element: "tx", valid: "start-event-valid",
            excerpt: "transaction 'tx' has no start event"),
        RuleCase(
            fixture: "subprocess-two-none-starts", rule: .missingStartEvent, severity: .error, line: 10, column: 7,
            element: "sub-start-again", valid: "start-event-valid",
            excerpt: "startEvent 'sub-start-again' is another none start event of subProcess 'sub', after startEvent "
                + "'sub-start'"),
        RuleCase(
            fixture: "subprocess-triggered-start", rule: .missingStartEvent, severity: .error, line: 9, column: 7,
            element: "sub-start", valid: "start-event-valid",
            excerpt: "startEvent 'sub-start' in subProcess 'sub' has a messageEventDefinition, but only event "
                + "sub-processes have start events with a trigger"),
        RuleCase(
            fixture: "event-subprocess-none-start", rule: .missingStartEvent, severity: .error, line: 9, column: 7,
            element: "event-start", valid: "start-event-valid",
            excerpt: "startEvent 'event-start' of event sub-process 'on-event' has no event definition"),
        RuleCase(
            fixture: "event-subprocess-without-start", rule: .missingStartEvent, severity: .error, line: 8, column: 5,
            element: "on-event", valid: "start-event-valid",
            excerpt: "subProcess 'on-event' is an event sub-process without a start event"),
        RuleCase(
            fixture: "unreachable-node", rule: .unreachableNode, severity: .warning, line: 8, column: 5,
            element: "orphan", valid: "reachability-valid",
            excerpt: "userTask 'orphan' in process 'p' can never be reached"),
        RuleCase(
            fixture: "unreachable-subprocess", rule: .unreachableNode, severity: .warning, line: 8, column: 5,
            element: "sub", valid: "reachability-valid",
            excerpt: "(nothing inside it can run either; its boundary events never fire)"),
        RuleCase(
            fixture: "link-catch-unreachable", rule: .unreachableNode, severity: .warning, line: 14, column: 5,
            element: "orphan", valid: "link-valid",
            excerpt: "intermediateCatchEvent 'orphan' in process 'p' can never be reached"),
        RuleCase(
            fixture: "timer-without-value", rule: .timerWithoutValue, severity: .error, line: 11, column: 7,
            element: "b", valid: "timer-valid",
            excerpt: "the timer of boundaryEvent 'b' has no time"),
        RuleCase(
            fixture: "no-executable-process", rule: .noExecutableProcess, severity: .warning, line: 4, column: 3,
            element: "draft", valid: "start-event-valid",
            excerpt: "none of its 2 processes is executable (process 'draft' has isExecutable=\"false\"), so nothing "
                + "in this file will run; set isExecutable=\"true\" on the process to deploy it"),
    ]
}
