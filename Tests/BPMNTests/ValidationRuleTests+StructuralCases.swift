@testable import BPMN

/// The fixture cases of `ValidationRuleTests`: structural rules, which apply to every process.
extension ValidationRuleTests {
    /// References, flows and boundary events, checked in every process.
    static let structuralCases: [RuleCase] = [
        RuleCase(
            fixture: "dangling-flow-source", rule: .danglingReference, severity: .error, line: 7, column: 5,
            element: "f2", valid: "dangling-reference-valid",
            excerpt: "sequence flow 'f2' has sourceRef 'Nowhere', which names no flow node in this document"),
        RuleCase(
            fixture: "dangling-flow-missing-target", rule: .danglingReference, severity: .error, line: 8, column: 5,
            element: "f2", valid: "dangling-reference-valid",
            excerpt: "sequence flow 'f2' has no targetRef"),
        RuleCase(
            fixture: "dangling-boundary-attached", rule: .danglingReference, severity: .error, line: 10, column: 5,
            element: "b", valid: "dangling-reference-valid",
            excerpt: "boundaryEvent 'b' is attached to 'Nowhere', which names nothing in this document"),
        RuleCase(
            fixture: "dangling-boundary-missing-attached", rule: .danglingReference, severity: .error, line: 10,
            column: 5,
            element: "b", valid: "dangling-reference-valid",
            excerpt: "boundaryEvent 'b' has no attachedToRef"),
        RuleCase(
            fixture: "dangling-default-flow", rule: .danglingReference, severity: .error, line: 7, column: 5,
            element: "gw", valid: "dangling-reference-valid",
            excerpt: "exclusiveGateway 'gw' has default flow 'Nowhere', which names no sequenceFlow"),
        RuleCase(
            fixture: "dangling-error-ref", rule: .danglingReference, severity: .warning, line: 8, column: 7,
            element: "end", valid: "dangling-reference-valid",
            excerpt: "has errorRef 'PAYMENT_FAILED', which names no error in this document; the error code "
                + "'PAYMENT_FAILED' is assumed"),
        RuleCase(
            fixture: "dangling-message-ref", rule: .danglingReference, severity: .error, line: 8, column: 7,
            element: "wait", valid: "dangling-reference-valid",
            excerpt: "the messageEventDefinition of intermediateCatchEvent 'wait' has messageRef 'Message_Missing', "
                + "which names no message"),
        RuleCase(
            fixture: "dangling-receive-task-message", rule: .danglingReference, severity: .error, line: 7, column: 5,
            element: "receive", valid: "dangling-reference-valid",
            excerpt: "receiveTask 'receive' has messageRef 'Message_Missing'"),
        RuleCase(
            fixture: "dangling-send-task-message", rule: .danglingReference, severity: .warning, line: 7, column: 5,
            element: "send", valid: "dangling-reference-valid",
            excerpt: "sendTask 'send' has messageRef 'Message_Missing'"),
        RuleCase(
            fixture: "dangling-signal-ref", rule: .danglingReference, severity: .error, line: 9, column: 7,
            element: "end", valid: "dangling-reference-valid",
            excerpt: "has signalRef 'start', which names a startEvent, not a signal"),
        RuleCase(
            fixture: "dangling-escalation-ref", rule: .danglingReference, severity: .error, line: 8, column: 7,
            element: "end", valid: "dangling-reference-valid",
            excerpt: "has escalationRef 'Escalation_Missing', which names no escalation"),
        RuleCase(
            fixture: "dangling-compensate-activity", rule: .danglingReference, severity: .error, line: 8, column: 7,
            element: "end", valid: "dangling-reference-valid",
            excerpt: "has activityRef 'Nowhere', which names no activity"),
        RuleCase(
            fixture: "dangling-message-flow", rule: .danglingReference, severity: .error, line: 7, column: 5,
            element: "mf", valid: "dangling-reference-valid",
            excerpt: "message flow 'mf' has targetRef 'Nowhere', which names no participant or flow node"),
        RuleCase(
            fixture: "dangling-participant-process", rule: .danglingReference, severity: .error, line: 6, column: 5,
            element: "other", valid: "dangling-reference-valid",
            excerpt: "participant 'other' has processRef 'Process_Elsewhere', which names no process"),
        RuleCase(
            fixture: "dangling-data-object", rule: .danglingReference, severity: .error, line: 10, column: 5,
            element: "dor", valid: "dangling-reference-valid",
            excerpt: "dataObjectReference 'dor' has dataObjectRef 'Nowhere', which names no dataObject"),
        RuleCase(
            fixture: "default-flow-wrong-source", rule: .flowMismatch, severity: .error, line: 7, column: 5,
            element: "gw", valid: "flow-mismatch-valid",
            excerpt: "default flow 'f1' does not leave exclusiveGateway 'gw'"),
        RuleCase(
            fixture: "flow-crosses-subprocess", rule: .flowMismatch, severity: .error, line: 14, column: 5,
            element: "f3", valid: "flow-mismatch-valid",
            excerpt: "sequence flows cannot cross a sub-process boundary"),
        RuleCase(
            fixture: "flow-outside-its-container", rule: .flowMismatch, severity: .error, line: 11, column: 5,
            element: "sf1", valid: "flow-mismatch-valid",
            excerpt: "sequence flow 'sf1' is written in process 'p', but it connects startEvent 'sub-start' to "
                + "endEvent 'sub-end' in subProcess 'sub'; a sequence flow belongs to the container of the nodes it "
                + "connects (Camunda 7: \"Invalid source 'sub-start' of sequence flow\") — move the <sequenceFlow> "
                + "element into subProcess 'sub'"),
        RuleCase(
            fixture: "flow-into-start-event", rule: .flowMismatch, severity: .error, line: 8, column: 5,
            element: "f2", valid: "flow-mismatch-valid",
            excerpt: "sequence flow 'f2' enters startEvent 'start'"),
        RuleCase(
            fixture: "flow-into-boundary-event", rule: .flowMismatch, severity: .error, line: 13, column: 5,
            element: "f3", valid: "flow-mismatch-valid",
            excerpt: "sequence flow 'f3' enters boundaryEvent 'b'"),
        RuleCase(
            fixture: "flow-out-of-end-event", rule: .flowMismatch, severity: .error, line: 10, column: 5,
            element: "f3", valid: "flow-mismatch-valid",
            excerpt: "sequence flow 'f3' leaves endEvent 'end'"),
        RuleCase(
            fixture: "default-on-parallel-gateway", rule: .flowMismatch, severity: .error, line: 7, column: 5,
            element: "fork", valid: "flow-mismatch-valid",
            excerpt: "parallelGateway 'fork' has a default flow ('f2')"),
        RuleCase(
            fixture: "event-gateway-target", rule: .flowMismatch, severity: .error, line: 13, column: 5,
            element: "f3", valid: "flow-mismatch-valid",
            excerpt: "sequence flow 'f3' leads from eventBasedGateway 'gw' to userTask 'remind'"),
        RuleCase(
            fixture: "boundary-on-gateway", rule: .boundaryNotOnActivity, severity: .error, line: 8, column: 5,
            element: "b", valid: "boundary-valid",
            excerpt: "boundaryEvent 'b' is attached to exclusiveGateway 'gw', which is not an activity"),
        RuleCase(
            fixture: "boundary-other-container", rule: .boundaryNotOnActivity, severity: .error, line: 14, column: 5,
            element: "b", valid: "boundary-valid",
            excerpt: "boundaryEvent 'b' in process 'p' is attached to userTask 'work' in subProcess 'sub'; a boundary "
                + "event must be defined in the same scope as its activity — move the <boundaryEvent> element into "
                + "subProcess 'sub'"),
    ]
}
