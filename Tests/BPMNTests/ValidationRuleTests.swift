import Foundation
import Testing

@testable import BPMN

/// One fixture under `Fixtures/validation/` that must produce exactly one diagnostic, and the valid counterpart of
/// the same rule that must produce none.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var fixture: String
    var rule: DiagnosticRule
    var severity: Diagnostic.Severity
    var line: Int
    var element: ElementID?
    var excerpt: String
    var valid: String

    var testDescription: String { fixture }
}

/// The validation rules, each variant on its own fixture, plus rule logic on model values built in code
/// (`ValidationRuleTests+Model.swift`).
@Suite struct ValidationRuleTests {
    static let structuralCases: [RuleCase] = [
        RuleCase(
            fixture: "dangling-flow-source", rule: .danglingReference, severity: .error, line: 7, element: "f2",
            excerpt: "sequence flow 'f2' has sourceRef 'Nowhere', which names no flow node in this document",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-flow-missing-target", rule: .danglingReference, severity: .error, line: 8, element: "f2",
            excerpt: "sequence flow 'f2' has no targetRef", valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-boundary-attached", rule: .danglingReference, severity: .error, line: 10, element: "b",
            excerpt: "boundaryEvent 'b' is attached to 'Nowhere', which names nothing in this document",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-boundary-missing-attached", rule: .danglingReference, severity: .error, line: 10,
            element: "b", excerpt: "boundaryEvent 'b' has no attachedToRef", valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-default-flow", rule: .danglingReference, severity: .error, line: 7, element: "gw",
            excerpt: "exclusiveGateway 'gw' has default flow 'Nowhere', which names no sequenceFlow",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-error-ref", rule: .danglingReference, severity: .warning, line: 8, element: "end",
            excerpt: "has errorRef 'PAYMENT_FAILED', which names no error in this document; the error code "
                + "'PAYMENT_FAILED' is assumed", valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-message-ref", rule: .danglingReference, severity: .error, line: 8, element: "wait",
            excerpt: "the messageEventDefinition of intermediateCatchEvent 'wait' has messageRef 'Message_Missing', "
                + "which names no message", valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-receive-task-message", rule: .danglingReference, severity: .error, line: 7,
            element: "receive", excerpt: "receiveTask 'receive' has messageRef 'Message_Missing'",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-send-task-message", rule: .danglingReference, severity: .warning, line: 7,
            element: "send", excerpt: "sendTask 'send' has messageRef 'Message_Missing'",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-signal-ref", rule: .danglingReference, severity: .error, line: 9, element: "end",
            excerpt: "has signalRef 'start', which names a startEvent, not a signal",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-escalation-ref", rule: .danglingReference, severity: .error, line: 8, element: "end",
            excerpt: "has escalationRef 'Escalation_Missing', which names no escalation",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-compensate-activity", rule: .danglingReference, severity: .error, line: 8,
            element: "end", excerpt: "has activityRef 'Nowhere', which names no activity",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-message-flow", rule: .danglingReference, severity: .error, line: 7, element: "mf",
            excerpt: "message flow 'mf' has targetRef 'Nowhere', which names no participant or flow node",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-participant-process", rule: .danglingReference, severity: .error, line: 6,
            element: "other", excerpt: "participant 'other' has processRef 'Process_Elsewhere', which names no process",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "dangling-data-object", rule: .danglingReference, severity: .error, line: 10, element: "dor",
            excerpt: "dataObjectReference 'dor' has dataObjectRef 'Nowhere', which names no dataObject",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "called-element-missing", rule: .danglingReference, severity: .warning, line: 7, element: "call",
            excerpt: "callActivity 'call' calls process 'billing', which is not in this document",
            valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "default-flow-wrong-source", rule: .flowMismatch, severity: .error, line: 7, element: "gw",
            excerpt: "default flow 'f1' does not leave exclusiveGateway 'gw'", valid: "flow-mismatch-valid"),
        RuleCase(
            fixture: "flow-crosses-subprocess", rule: .flowMismatch, severity: .error, line: 14, element: "f3",
            excerpt: "sequence flows cannot cross a sub-process boundary", valid: "flow-mismatch-valid"),
        RuleCase(
            fixture: "flow-into-start-event", rule: .flowMismatch, severity: .error, line: 8, element: "f2",
            excerpt: "sequence flow 'f2' enters startEvent 'start'", valid: "flow-mismatch-valid"),
        RuleCase(
            fixture: "flow-into-boundary-event", rule: .flowMismatch, severity: .error, line: 13, element: "f3",
            excerpt: "sequence flow 'f3' enters boundaryEvent 'b'", valid: "flow-mismatch-valid"),
        RuleCase(
            fixture: "flow-out-of-end-event", rule: .flowMismatch, severity: .error, line: 10, element: "f3",
            excerpt: "sequence flow 'f3' leaves endEvent 'end'", valid: "flow-mismatch-valid"),
        RuleCase(
            fixture: "default-on-parallel-gateway", rule: .flowMismatch, severity: .error, line: 7, element: "fork",
            excerpt: "parallelGateway 'fork' has a default flow ('f2')", valid: "flow-mismatch-valid"),
        RuleCase(
            fixture: "event-gateway-target", rule: .flowMismatch, severity: .error, line: 13, element: "f3",
            excerpt: "sequence flow 'f3' leads from eventBasedGateway 'gw' to userTask 'remind'",
            valid: "flow-mismatch-valid"),
        RuleCase(
            fixture: "unconditioned-exclusive", rule: .unconditionedGatewayFlow, severity: .error, line: 11,
            element: "f3", excerpt: "sequence flow 'f3' leaves exclusiveGateway 'gw' without a condition and is not "
                + "its default flow", valid: "unconditioned-valid"),
        RuleCase(
            fixture: "unconditioned-empty-condition", rule: .unconditionedGatewayFlow, severity: .error, line: 11,
            element: "f3", excerpt: "sequence flow 'f3' leaves exclusiveGateway 'gw' without a condition",
            valid: "unconditioned-valid"),
        RuleCase(
            fixture: "unconditioned-inclusive", rule: .unconditionedGatewayFlow, severity: .warning, line: 11,
            element: "f3", excerpt: "so it is taken every time the gateway is passed", valid: "unconditioned-valid"),
        RuleCase(
            fixture: "boundary-on-gateway", rule: .boundaryNotOnActivity, severity: .error, line: 8, element: "b",
            excerpt: "boundaryEvent 'b' is attached to exclusiveGateway 'gw', which is not an activity",
            valid: "boundary-valid"),
        RuleCase(
            fixture: "missing-start-event", rule: .missingStartEvent, severity: .error, line: 4, element: "p",
            excerpt: "executable process 'p' cannot be started: it has no start event; add a none, timer, message, "
                + "signal or conditional start event", valid: "start-event-valid"),
        RuleCase(
            fixture: "missing-start-error-only", rule: .missingStartEvent, severity: .error, line: 5, element: "p",
            excerpt: "its start events (startEvent 'start') only start event sub-processes",
            valid: "start-event-valid"),
        RuleCase(
            fixture: "unreachable-node", rule: .unreachableNode, severity: .warning, line: 8, element: "orphan",
            excerpt: "userTask 'orphan' in process 'p' can never be reached", valid: "reachability-valid"),
        RuleCase(
            fixture: "unreachable-subprocess", rule: .unreachableNode, severity: .warning, line: 8, element: "sub",
            excerpt: "(nothing inside it can run either; its boundary events never fire)", valid: "reachability-valid"),
        RuleCase(
            fixture: "script-task-groovy", rule: .notExecutable, severity: .error, line: 7, element: "script",
            excerpt: "scriptTask 'script' is written in groovy, which Baton cannot run", valid: "not-executable-valid"),
        RuleCase(
            fixture: "script-task-no-format", rule: .notExecutable, severity: .error, line: 7, element: "script",
            excerpt: "scriptTask 'script' has no scriptFormat", valid: "not-executable-valid"),
        RuleCase(
            fixture: "condition-language", rule: .notExecutable, severity: .error, line: 9, element: "f2",
            excerpt: "the condition of sequence flow 'f2' is written in groovy", valid: "not-executable-valid"),
        RuleCase(
            fixture: "timer-without-value", rule: .timerWithoutValue, severity: .error, line: 11, element: "b",
            excerpt: "the timer of boundaryEvent 'b' has no time", valid: "timer-valid"),
    ]

    /// Fixtures whose diagnostics come from Camunda extension data, which the reader in this branch does not fill.
    static let camundaCases: [RuleCase] = [
        RuleCase(
            fixture: "dangling-camunda-error-ref", rule: .danglingReference, severity: .warning, line: 9,
            element: "charge", excerpt: "camunda:errorEventDefinition of serviceTask 'charge' has errorRef "
                + "'Error_Missing'", valid: "dangling-reference-valid"),
        RuleCase(
            fixture: "camunda-class", rule: .notExecutable, severity: .error, line: 7, element: "work",
            excerpt: "serviceTask 'work' uses camunda:class 'com.example.ChargeCard', Java code that Baton cannot run; "
                + "make it an external task", valid: "not-executable-valid"),
        RuleCase(
            fixture: "camunda-delegate-expression", rule: .notExecutable, severity: .error, line: 7, element: "work",
            excerpt: "uses camunda:delegateExpression '${chargeCard}'", valid: "not-executable-valid"),
        RuleCase(
            fixture: "camunda-listener-script", rule: .notExecutable, severity: .error, line: 10, element: "work",
            excerpt: "the script of the execution listener on 'start' of serviceTask 'work' is written in groovy",
            valid: "not-executable-valid"),
        RuleCase(
            fixture: "camunda-io-script", rule: .notExecutable, severity: .error, line: 11, element: "work",
            excerpt: "the input parameter 'amount' of serviceTask 'work' is written in javascript",
            valid: "not-executable-valid"),
        RuleCase(
            fixture: "camunda-connector", rule: .notExecutable, severity: .error, line: 9, element: "work",
            excerpt: "serviceTask 'work' uses connector 'mail-send'", valid: "not-executable-valid"),
        RuleCase(
            fixture: "camunda-script-resource", rule: .notExecutable, severity: .error, line: 7, element: "script",
            excerpt: "loads its script from the resource 'deployment://total.juel'", valid: "not-executable-valid"),
        RuleCase(
            fixture: "camunda-variable-mapping", rule: .notExecutable, severity: .error, line: 7, element: "call",
            excerpt: "uses the variable-mapping delegate 'com.example.Mapping'", valid: "not-executable-valid"),
    ]

    @Test("each rule variant reports one diagnostic; its valid counterpart none", arguments: structuralCases)
    func ruleVariant(_ rule: RuleCase) throws {
        try expect(rule)
    }

    @Test("Camunda extension variants report one diagnostic; their valid counterpart none", arguments: camundaCases)
    func camundaVariant(_ rule: RuleCase) throws {
        try expect(rule)
    }

    @Test("the example processes validate without any diagnostic", arguments: ["order-fulfilment", "support-inquiry"])
    func exampleProcess(_ name: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("processes/\(name).bpmn").path
        let result = BPMNDocumentCheck().check(contentsOfFile: path)
        #expect(result.definitions != nil)
        #expect(result.diagnostics.map(\.description) == [])
    }

    private func expect(_ rule: RuleCase) throws {
        let found = try Self.check(rule.fixture).diagnostics
        #expect(found.count == 1, "\(found.map(\.description))")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.rule == rule.rule)
        #expect(diagnostic.severity == rule.severity)
        #expect(diagnostic.location.line == rule.line)
        #expect(diagnostic.elementID == rule.element)
        #expect(diagnostic.message.contains(rule.excerpt), "\(diagnostic.message)")
        let valid = try Self.check(rule.valid)
        #expect(valid.definitions != nil)
        #expect(valid.diagnostics.map(\.description) == [])
    }

    static func check(_ fixture: String) throws -> BPMNCheckResult {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let path = fixtures.appendingPathComponent("validation/\(fixture).bpmn").path
        #expect(FileManager.default.fileExists(atPath: path), "missing fixture \(fixture)")
        return BPMNDocumentCheck().check(contentsOfFile: path)
    }
}
