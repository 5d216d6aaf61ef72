import BPMN
import Foundation
import Testing

/// The Camunda 7 vocabulary, read from `Fixtures/extensions/camunda7.bpmn` and the same document under the Operaton
/// and Activiti URIs and under unusual prefixes: every typed field, and what is left verbatim.
@Suite("Camunda 7 extensions")
struct ExtensionsReaderTests {
    /// The four spellings of one document, with the vocabulary each must report.
    static let variants: [(fixture: String, vocabulary: CamundaVocabulary, uri: String)] = [
        ("camunda7", .camunda, Namespaces.camunda),
        ("camunda7-foo-prefix", .camunda, Namespaces.camunda),
        ("operaton", .operaton, Namespaces.operaton),
        ("activiti", .activiti, Namespaces.activiti),
    ]
    static let fixtures = variants.map(\.fixture)

    private static func variant(_ fixture: String) throws -> (CamundaVocabulary, String) {
        let match = try #require(variants.first { $0.fixture == fixture })
        return (match.vocabulary, match.uri)
    }

    @Test("the fixture reads without diagnostics", arguments: fixtures)
    func noDiagnostics(fixture: String) throws {
        let document = try ExtensionsTestSupport.fixture(fixture)
        #expect(document.diagnostics == [])
    }

    @Test("process: version tag, history TTL, starters, tasklist flag, job priority, properties", arguments: fixtures)
    func process(fixture: String) throws {
        let (vocabulary, _) = try Self.variant(fixture)
        let process = try #require(try ExtensionsTestSupport.fixture(fixture).definitions.processes.first)
        let camunda = try #require(process.extensions.camunda)
        #expect(camunda.vocabulary == vocabulary)
        #expect(camunda.versionTag == "1.2.0")
        #expect(camunda.historyTimeToLive == "P180D")
        #expect(camunda.candidateStarterGroups == ["sales", "management"])
        #expect(camunda.candidateStarterUsers == ["alice", "bob"])
        #expect(camunda.isStartableInTasklist == false)
        #expect(camunda.jobPriority == "10")
        #expect(camunda.properties == [CamundaProperty(name: "owner", value: "sales", location: loc(19, 9))])
        // An attribute in a foreign namespace (bound to the prefix `camunda` in one variant) is not Camunda's.
        #expect(camunda.asyncBefore == nil)
        #expect(process.extensions.otherAttributes.map(\.name.namespaceURI) == ["http://example.com/not-camunda"])
        #expect(process.extensions.otherAttributes.map(\.value) == ["true"])
        // Another vendor's extension element is kept verbatim.
        let signavio = try #require(process.extensions.otherElements.first)
        #expect(process.extensions.otherElements.count == 1)
        #expect(signavio.name == XMLName(namespaceURI: "http://www.signavio.com", localName: "signavioMetaData"))
        #expect(signavio.attribute("metaKey") == "bgcolor")
        #expect(process.extensions.zeebe == nil)
    }

    @Test("start event: initiator, form key, async, form data with validation and its attributes", arguments: fixtures)
    func startEvent(fixture: String) throws {
        let camunda = try ExtensionsTestSupport.fixture(fixture).definitions.camunda("start")
        #expect(camunda.initiator == "starter")
        #expect(camunda.formKey == "embedded:app:forms/start.html")
        #expect(camunda.asyncBefore == true)
        #expect(camunda.formFields == [
            CamundaFormField(
                id: "amount", label: "Amount", type: "long", defaultValue: "100",
                constraints: [
                    CamundaProperty(name: "min", value: "1", location: loc(29, 15)),
                    CamundaProperty(name: "required", value: nil, location: loc(30, 15)),
                ],
                location: loc(27, 11)),
        ])
        // `businessKey` on <camunda:formData> is not typed, but kept.
        #expect(camunda.formDataAttributes == [
            XMLAttribute(name: XMLName(namespaceURI: "", localName: "businessKey"), value: "amount"),
        ])
    }

    @Test("external service task: topic, priority, async, errors, retries, unknown element", arguments: fixtures)
    func externalTask(fixture: String) throws {
        let (_, uri) = try Self.variant(fixture)
        let node = try ExtensionsTestSupport.fixture(fixture).definitions.node("charge")
        let camunda = try #require(node.extensions.camunda)
        #expect(camunda.type == "external")
        #expect(camunda.topic == "${prefix}-charge")
        #expect(camunda.taskPriority == "${priority}")
        #expect(camunda.asyncBefore == nil)
        #expect(camunda.asyncAfter == true)
        #expect(camunda.exclusive == false)
        #expect(camunda.jobPriority == "5")
        #expect(camunda.failedJobRetryTimeCycle == "R3/PT10M")
        #expect(camunda.failedJobRetryTimeCycleLocation == loc(96, 9))
        let error = try #require(camunda.errorEventDefinitions.first)
        #expect(camunda.errorEventDefinitions.count == 1)
        #expect(error.id == "declined")
        #expect(error.errorRef == "err_card")
        #expect(error.expression == "${errorCode == 'DECLINED'}")
        #expect(error.location.line > 1)
        #expect(camunda.properties == [
            CamundaProperty(name: "retries", value: "5", location: loc(78, 11)),
            CamundaProperty(name: "sla", value: "PT1H", location: loc(79, 11)),
        ])
        #expect(camunda.fields == [])
        // `camunda:potentialStarter` is Camunda's but not typed: kept verbatim, under its own URI.
        #expect(
            node.extensions.otherElements.map(\.name) == [XMLName(namespaceURI: uri, localName: "potentialStarter")])
        #expect(node.extensions.otherAttributes.isEmpty)
    }

    @Test("input/output parameters: text, null, list, map, script, nested", arguments: fixtures)
    func inputOutput(fixture: String) throws {
        let camunda = try ExtensionsTestSupport.fixture(fixture).definitions.camunda("charge")
        #expect(camunda.inputParameters.map(\.withoutLocations) == [
            CamundaParameter(name: "amount", value: .text("${order.amount}")),
            CamundaParameter(name: "nothing", value: .null),
            CamundaParameter(
                name: "items",
                value: .list([
                    .text("first"), .text("${second}"), .null, .list([.text("nested")]),
                    .map([CamundaMapEntry(key: "k", value: .text("v"))]),
                ])),
            CamundaParameter(
                name: "headers",
                value: .map([
                    CamundaMapEntry(key: "Content-Type", value: .text("application/json")),
                    CamundaMapEntry(key: "empty", value: .null),
                    CamundaMapEntry(key: "tags", value: .list([.text("a"), .text("b")])),
                ])),
            CamundaParameter(
                name: "doubled", value: .script(CamundaScript(scriptFormat: "javascript", body: "amount * 2"))),
        ])
        #expect(camunda.outputParameters.map(\.withoutLocations) == [
            CamundaParameter(name: "chargeId", value: .text("${id}")),
            CamundaParameter(
                name: "receipt",
                value: .script(CamundaScript(scriptFormat: "groovy", resource: "scripts/receipt.groovy"))),
        ])
        let parameterLocations = [loc(42, 11), loc(43, 11), loc(44, 11), loc(57, 11), loc(69, 11)]
        #expect(camunda.inputParameters.map(\.location) == parameterLocations)
        guard camunda.inputParameters.count == 5, case .map(let headers) = camunda.inputParameters[3].value else {
            Issue.record("the headers parameter is not a map")
            return
        }
        #expect(headers.map(\.location) == [loc(59, 15), loc(60, 15), loc(61, 15)])
    }

    @Test("execution listeners: expression, class with string and expression fields, delegate, script",
        arguments: fixtures)
    func executionListeners(fixture: String) throws {
        let camunda = try ExtensionsTestSupport.fixture(fixture).definitions.camunda("charge")
        #expect(camunda.executionListeners == [
            CamundaListener(event: "start", expression: "${audit.log(execution)}", location: loc(81, 9)),
            CamundaListener(
                event: "end", className: "com.example.EndListener",
                fields: [
                    CamundaField(name: "mode", value: .string("fast"), location: loc(83, 11)),
                    CamundaField(name: "target", value: .expression("${target}"), location: loc(84, 11)),
                    CamundaField(name: "greeting", value: .string("hello world"), location: loc(85, 11)),
                    CamundaField(name: "sum", value: .expression("${a + b}"), location: loc(88, 11)),
                ],
                location: loc(82, 9)),
            CamundaListener(event: "take", delegateExpression: "${listenerBean}", location: loc(92, 9)),
            CamundaListener(
                event: "end",
                script: CamundaScript(scriptFormat: "groovy", body: "println 'done'", location: loc(94, 11)),
                location: loc(93, 9)),
        ])
        #expect(camunda.taskListeners.isEmpty)
    }

    @Test("fields directly in a send task's extension elements, for its camunda:class", arguments: fixtures)
    func delegateFields(fixture: String) throws {
        let node = try ExtensionsTestSupport.fixture(fixture).definitions.node("notify")
        let camunda = try #require(node.extensions.camunda)
        #expect(camunda.className == "com.example.Notify")
        #expect(camunda.fields == [
            CamundaField(name: "channel", value: .string("sms"), location: loc(147, 9)),
            CamundaField(name: "recipient", value: .expression("${customer.phone}"), location: loc(148, 9)),
        ])
        #expect(node.extensions.otherElements.isEmpty)
    }

    @Test("user task: assignment, dates, priority, form reference, form data, task listeners", arguments: fixtures)
    func userTask(fixture: String) throws {
        let camunda = try ExtensionsTestSupport.fixture(fixture).definitions.camunda("approve")
        #expect(camunda.assignee == "${initiator}")
        // Commas inside an expression do not split the list.
        #expect(camunda.candidateUsers == ["alice", "${manager(order, 'x')}", "bob"])
        #expect(camunda.candidateGroups == ["reviewers", "managers"])
        #expect(camunda.dueDate == "P3D")
        #expect(camunda.followUpDate == "${followUp}")
        #expect(camunda.priority == "80")
        #expect(camunda.formKey == nil)
        #expect(camunda.formRef == "approveForm")
        #expect(camunda.formRefBinding == "version")
        #expect(camunda.formRefVersion == "3")
        #expect(camunda.formFields == [
            CamundaFormField(
                id: "decision", label: "Decision", type: "enum", defaultValue: "approve",
                values: [
                    CamundaProperty(name: "approve", value: "Approve", location: loc(112, 13)),
                    CamundaProperty(name: "reject", value: "Reject", location: loc(113, 13)),
                ],
                properties: [CamundaProperty(name: "hint", value: "choose one", location: loc(110, 15))],
                location: loc(108, 11)),
            CamundaFormField(id: "decidedOn", type: "date", datePattern: "dd/MM/yyyy", location: loc(115, 11)),
        ])
        #expect(camunda.formDataAttributes == [])
        // The modeler's `id` on a task listener is not typed, but kept.
        #expect(camunda.taskListeners == [
            CamundaListener(event: "create", expression: "${notify(task)}", location: loc(117, 9)),
            CamundaListener(
                event: "timeout", delegateExpression: "${reminder}",
                timeout: TimerDefinition(
                    timeDuration: Expression(body: "PT1H", isFormal: true, location: loc(120, 13))),
                otherAttributes: [XMLAttribute(name: XMLName(namespaceURI: "", localName: "id"), value: "remind")],
                location: loc(118, 9)),
        ])
        #expect(camunda.executionListeners.isEmpty)
    }

    @Test("multi-instance: collection, element variable and async on the loop", arguments: fixtures)
    func multiInstance(fixture: String) throws {
        let definitions = try ExtensionsTestSupport.fixture(fixture).definitions
        let loop = try #require(try definitions.multiInstanceExtensions("review").camunda)
        #expect(loop.collection == "${reviewers}")
        #expect(loop.elementVariable == "reviewer")
        #expect(loop.asyncBefore == true)
        #expect(try definitions.camunda("review").collection == nil)
    }

    @Test("call activity: binding, version, tenant, mapping delegate, in and out mappings", arguments: fixtures)
    func callActivity(fixture: String) throws {
        let camunda = try ExtensionsTestSupport.fixture(fixture).definitions.camunda("ship")
        #expect(camunda.calledElementBinding == "version")
        #expect(camunda.calledElementVersion == "7")
        #expect(camunda.calledElementVersionTag == "v7")
        #expect(camunda.calledElementTenantId == "tenant1")
        #expect(camunda.variableMappingDelegate == "${mapper}")
        #expect(camunda.inMappings == [
            CamundaVariableMapping(businessKey: "#{execution.processBusinessKey}", location: loc(133, 9)),
            CamundaVariableMapping(allVariables: true, local: true, location: loc(134, 9)),
            CamundaVariableMapping(source: "orderId", target: "id", location: loc(135, 9)),
            CamundaVariableMapping(sourceExpression: "${amount * 2}", target: "double", location: loc(136, 9)),
        ])
        #expect(camunda.outMappings == [
            CamundaVariableMapping(source: "trackingNo", target: "tracking", location: loc(137, 9)),
            CamundaVariableMapping(allVariables: true, location: loc(138, 9)),
        ])
    }

    @Test("business rule, expression, class, script resource, connector and legacy async", arguments: fixtures)
    func otherTasks(fixture: String) throws {
        let (_, uri) = try Self.variant(fixture)
        let definitions = try ExtensionsTestSupport.fixture(fixture).definitions
        let rules = try definitions.node("rules")
        #expect(rules.extensions.camunda?.decisionReference == [
            "decisionRef": "risk", "decisionRefBinding": "version", "decisionRefVersion": "2",
            "decisionRefTenantId": "t1",
        ])
        #expect(rules.extensions.camunda?.resultVariable == "risk")
        #expect(rules.extensions.otherAttributes == [
            XMLAttribute(name: XMLName(namespaceURI: uri, localName: "mapDecisionResult"), value: "singleEntry"),
        ])
        let calc = try definitions.camunda("calc")
        #expect(calc.expression == "${a + b}")
        #expect(calc.resultVariable == "sum")
        #expect(try definitions.camunda("notify").className == "com.example.Notify")
        let script = try definitions.camunda("transform")
        #expect(script.resource == "deployment://transform.groovy")
        #expect(script.resultVariable == "out")

        let http = try definitions.camunda("http")
        #expect(http.variableMappingDelegate == "com.example.Mapper")
        let connector = try #require(http.connector)
        #expect(connector.connectorID == "http-connector")
        #expect(connector.inputParameters.map(\.withoutLocations) == [
            CamundaParameter(name: "url", value: .text("https://example.com/orders")),
            CamundaParameter(name: "method", value: .text("GET")),
        ])
        #expect(connector.outputParameters.map(\.withoutLocations) == [
            CamundaParameter(name: "status", value: .text("${statusCode}")),
        ])
        #expect(http.inputParameters.isEmpty)

        let gateway = try definitions.camunda("legacyAsync")
        #expect(gateway.asyncBefore == true)
        #expect(gateway.signalAsync == nil)
        #expect(try definitions.node("plain").extensions.isEmpty)
    }

    @Test("event definitions: error and escalation variables, async signal, external message", arguments: fixtures)
    func eventDefinitions(fixture: String) throws {
        let definitions = try ExtensionsTestSupport.fixture(fixture).definitions
        let error = try #require(try definitions.eventDefinitionExtensions("onError").camunda)
        #expect(error.errorCodeVariable == "code")
        #expect(error.errorMessageVariable == "message")
        #expect(try definitions.node("onError").extensions.camunda == nil)
        let escalation = try #require(try definitions.eventDefinitionExtensions("onLate").camunda)
        #expect(escalation.escalationCodeVariable == "escCode")
        let signal = try #require(try definitions.eventDefinitionExtensions("alarm").camunda)
        #expect(signal.signalAsync == true)
        #expect(signal.asyncBefore == nil)
        #expect(signal.inMappings == [
            CamundaVariableMapping(source: "orderId", target: "orderId", location: loc(178, 11)),
        ])
        let message = try #require(try definitions.eventDefinitionExtensions("end").camunda)
        #expect(message.type == "external")
        #expect(message.topic == "notify-customer")
        #expect(message.taskPriority == "3")
    }

    @Test("Camunda attributes the model holds itself are not kept again as unknown", arguments: fixtures)
    func attributesOfTheModel(fixture: String) throws {
        let definitions = try ExtensionsTestSupport.fixture(fixture).definitions
        let conditional = try #require(try definitions.node("waitStock").kind.eventDefinitions.first)
        #expect(conditional.kind == .conditional(
            condition: Expression(body: "${stock > 0}", isFormal: true, location: loc(188, 9)),
            variableName: "stock", variableEvents: ["create", "update"]))
        #expect(conditional.extensions.isEmpty)
        let error = try #require(definitions.errors.first)
        #expect(error.errorMessage == "Card ${cardNo} declined")
        #expect(error.extensions.isEmpty)
    }
}
