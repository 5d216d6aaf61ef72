@testable import BPMN

/// The fixture cases of `ValidationRuleTests`: what Baton cannot execute.
extension ValidationRuleTests {
    /// Scripts, conditions, Camunda extensions (filled by the reader from `camunda:` attributes and extension
    /// elements) and task implementations.
    static let camundaCases: [RuleCase] = [
        RuleCase(
            fixture: "script-task-groovy", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "script", valid: "not-executable-valid",
            excerpt: "scriptTask 'script' is written in groovy, which Baton cannot run"),
        RuleCase(
            fixture: "script-task-no-format", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "script", valid: "not-executable-valid",
            excerpt: "scriptTask 'script' has no scriptFormat"),
        RuleCase(
            fixture: "condition-language", rule: .notExecutable, severity: .error, line: 9, column: 7,
            element: "f2", valid: "not-executable-valid",
            excerpt: "the condition of sequence flow 'f2' is written in groovy"),
        RuleCase(
            fixture: "dangling-camunda-error-ref", rule: .danglingReference, severity: .warning, line: 9, column: 9,
            element: "charge", valid: "dangling-reference-valid",
            excerpt: "camunda:errorEventDefinition of serviceTask 'charge' has errorRef 'Error_Missing'"),
        RuleCase(
            fixture: "camunda-class", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "work", valid: "not-executable-valid",
            excerpt: "serviceTask 'work' uses camunda:class 'com.example.ChargeCard', Java code that Baton cannot run; "
                + "make it an external task"),
        RuleCase(
            fixture: "camunda-delegate-expression", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "work", valid: "not-executable-valid",
            excerpt: "uses camunda:delegateExpression '${chargeCard}'"),
        RuleCase(
            fixture: "camunda-listener-script", rule: .notExecutable, severity: .error, line: 10, column: 11,
            element: "work", valid: "not-executable-valid",
            excerpt: "the script of the execution listener on 'start' of serviceTask 'work' is written in groovy"),
        RuleCase(
            fixture: "camunda-io-script", rule: .notExecutable, severity: .error, line: 11, column: 13,
            element: "work", valid: "not-executable-valid",
            excerpt: "the input parameter 'amount' of serviceTask 'work' is written in javascript"),
        RuleCase(
            fixture: "camunda-connector", rule: .notExecutable, severity: .error, line: 9, column: 9,
            element: "work", valid: "not-executable-valid",
            excerpt: "serviceTask 'work' uses connector 'mail-send'"),
        RuleCase(
            fixture: "camunda-script-resource", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "script", valid: "not-executable-valid",
            excerpt: "scriptTask 'script' is loaded from the resource 'deployment://total.juel'"),
        RuleCase(
            fixture: "camunda-variable-mapping", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "call", valid: "not-executable-valid",
            excerpt: "uses the variable-mapping delegate 'com.example.Mapping'"),
        RuleCase(
            fixture: "service-task-without-implementation", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "work", valid: "not-executable-valid",
            excerpt: "serviceTask 'work' has no implementation: none of camunda:type, camunda:expression, "
                + "camunda:class, camunda:delegateExpression or a <camunda:connector> (nor a zeebe:taskDefinition); "
                + "add camunda:type=\"external\" camunda:topic=\"…\""),
        RuleCase(
            fixture: "service-task-topic-without-type", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "work", valid: "not-executable-valid",
            excerpt: "serviceTask 'work' has no implementation (it has camunda:topic 'charge' but no "
                + "camunda:type=\"external\")"),
        RuleCase(
            fixture: "send-task-without-implementation", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "work", valid: "not-executable-valid",
            excerpt: "sendTask 'work' has no implementation"),
        RuleCase(
            fixture: "message-end-topic-without-type", rule: .notExecutable, severity: .error, line: 8, column: 7,
            element: "end", valid: "not-executable-valid",
            excerpt: "the messageEventDefinition of endEvent 'end' has no implementation (it has camunda:topic "
                + "'notify'"),
        RuleCase(
            fixture: "business-rule-task-dmn", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "work", valid: "not-executable-valid",
            excerpt: "businessRuleTask 'work' evaluates the DMN decision 'approval'; DMN decisions are not supported "
                + "by Baton — use camunda:type=\"external\""),
        RuleCase(
            fixture: "camunda-type-mail", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "work", valid: "not-executable-valid",
            excerpt: "serviceTask 'work' has camunda:type=\"mail\", which Baton does not have"),
        RuleCase(
            fixture: "external-task-without-topic", rule: .notExecutable, severity: .error, line: 7, column: 5,
            element: "work", valid: "not-executable-valid",
            excerpt: "serviceTask 'work' is an external task without a topic; add camunda:topic"),
    ]
}
