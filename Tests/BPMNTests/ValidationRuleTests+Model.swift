import Testing

@testable import BPMN

/// A Camunda extension set on one service task, and what the validator must say about it.
struct CamundaCase: Sendable, CustomTestStringConvertible {
    var label: String
    var configure: @Sendable (inout CamundaExtensions) -> Void
    var rule: DiagnosticRule = .notExecutable
    var severity: Diagnostic.Severity = .error
    var line: Int = 20
    var excerpt: String

    var testDescription: String { label }
}

/// Rule logic proven on model values built in code, independently of the reader.
extension ValidationRuleTests {
    static let camundaModelCases: [CamundaCase] = [
        CamundaCase(
            label: "class", configure: { $0.className = "com.example.Charge" },
            excerpt: "serviceTask 'work' uses camunda:class 'com.example.Charge', Java code that Baton cannot run; "
                + "make it an external task (camunda:type=\"external\" camunda:topic=\"…\")"),
        CamundaCase(
            label: "delegateExpression", configure: { $0.delegateExpression = "${charge}" },
            excerpt: "serviceTask 'work' uses camunda:delegateExpression '${charge}', a Java bean"),
        CamundaCase(
            label: "variable-mapping delegate", configure: { $0.variableMappingDelegate = "com.example.Mapping" },
            excerpt: "pass variables with <camunda:in> and <camunda:out> mappings instead"),
        CamundaCase(
            label: "execution listener class",
            configure: {
                $0.executionListeners = [
                    CamundaListener(event: "end", className: "com.example.Audit", location: Self.at(21)),
                ]
            },
            line: 21, excerpt: "the execution listener on 'end' of serviceTask 'work' uses camunda:class"),
        CamundaCase(
            label: "task listener delegateExpression",
            configure: {
                $0.taskListeners = [
                    CamundaListener(event: "create", delegateExpression: "${assign}", location: Self.at(22)),
                ]
            },
            line: 22, excerpt: "the task listener on 'create' of serviceTask 'work' uses camunda:delegateExpression"),
        CamundaCase(
            label: "listener script in python",
            configure: {
                $0.executionListeners = [
                    CamundaListener(
                        event: "start", script: CamundaScript(scriptFormat: "python", location: Self.at(23))),
                ]
            },
            line: 23,
            excerpt: "the script of the execution listener on 'start' of serviceTask 'work' is written in python"),
        CamundaCase(
            label: "listener script without format",
            configure: {
                $0.executionListeners = [
                    CamundaListener(event: "start", script: CamundaScript(scriptFormat: nil, location: Self.at(24))),
                ]
            },
            line: 24, excerpt: "has no scriptFormat"),
        CamundaCase(
            label: "input script nested in a map",
            configure: {
                let script = CamundaScript(scriptFormat: "JavaScript", location: Self.at(25))
                $0.inputParameters = [
                    CamundaParameter(
                        name: "order",
                        value: .map([CamundaMapEntry(key: "total", value: .list([.text("1"), .script(script)]))])),
                ]
            },
            line: 25, excerpt: "the input parameter 'order' of serviceTask 'work' is written in JavaScript"),
        CamundaCase(
            label: "output script from a resource",
            configure: {
                let script = CamundaScript(scriptFormat: "juel", resource: "total.juel", location: Self.at(26))
                $0.outputParameters = [CamundaParameter(name: "total", value: .script(script))]
            },
            line: 26, excerpt: "the output parameter 'total' of serviceTask 'work' is loaded from the resource"),
        CamundaCase(
            label: "connector other than http",
            configure: { $0.connector = CamundaConnector(connectorID: "soap-http-connector", location: Self.at(27)) },
            line: 27, excerpt: "uses connector 'soap-http-connector'; Baton only has the http-connector"),
        CamundaCase(
            label: "groovy script in an http-connector parameter",
            configure: {
                let script = CamundaScript(scriptFormat: "groovy", location: Self.at(28))
                $0.connector = CamundaConnector(
                    connectorID: "http-connector",
                    inputParameters: [CamundaParameter(name: "url", value: .script(script))])
            },
            line: 28, excerpt: "the connector input parameter 'url' of serviceTask 'work' is written in groovy"),
        CamundaCase(
            label: "camunda errorEventDefinition errorRef",
            configure: {
                $0.errorEventDefinitions = [
                    CamundaErrorEventDefinition(
                        id: nil, errorRef: "Nope", expression: "${true}", location: Self.at(29)),
                ]
            },
            rule: .danglingReference, severity: .warning, line: 29,
            excerpt: "camunda:errorEventDefinition of serviceTask 'work' has errorRef 'Nope'"),
    ]

    @Test("Camunda extension rules on model values", arguments: camundaModelCases)
    func camundaModel(_ rule: CamundaCase) throws {
        var camunda = Self.externalTask
        rule.configure(&camunda)
        let found = BPMNValidator().validate(Self.serviceProcess(camunda))
        #expect(found.count == 1, "\(found.map(\.description))")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.rule == rule.rule)
        #expect(diagnostic.severity == rule.severity)
        #expect(diagnostic.location.line == rule.line)
        #expect(diagnostic.location.column == 5)
        #expect(diagnostic.elementID == "work")
        #expect(diagnostic.message.contains(rule.excerpt), "\(diagnostic.message)")
    }

    @Test("runnable Camunda extensions give no diagnostics; a non-executable process only the hint")
    func camundaModelValid() {
        var camunda = CamundaExtensions()
        camunda.type = "external"
        camunda.topic = "charge"
        camunda.executionListeners = [
            CamundaListener(event: "start", expression: "${audit.log(execution)}"),
            CamundaListener(event: "end", script: CamundaScript(scriptFormat: "JUEL", body: "${x}")),
        ]
        camunda.inputParameters = [
            CamundaParameter(name: "a", value: .script(CamundaScript(scriptFormat: "feel", body: "x + 1"))),
        ]
        camunda.connector = CamundaConnector(connectorID: "http-connector")
        #expect(BPMNValidator().validate(Self.serviceProcess(camunda)) == [])

        var java = CamundaExtensions()
        java.className = "com.example.Charge"
        var sketch = Self.serviceProcess(java)
        sketch.processes[0].isExecutable = false
        #expect(BPMNValidator().validate(sketch).map(\.rule) == [.noExecutableProcess])
    }

    @Test("Java listeners on the process and on sequence flows, and classes on event definitions")
    func camundaOnOtherElements() {
        var listener = CamundaExtensions()
        listener.executionListeners = [
            CamundaListener(event: "take", className: "com.example.Take", location: Self.at(40)),
        ]
        var definitions = Self.serviceProcess(Self.externalTask)
        definitions.processes[0].extensions.camunda = listener
        definitions.processes[0].elements.sequenceFlows[0].extensions.camunda = listener
        var thrower = CamundaExtensions()
        thrower.className = "com.example.Send"
        definitions.processes[0].elements.flowNodes[2].kind = .endEvent(EndEvent(eventDefinitions: [
            EventDefinition(
                id: nil, kind: .message(messageRef: nil, operationRef: nil), extensions: Extensions(camunda: thrower),
                location: Self.at(41)),
        ]))
        let found = BPMNValidator().validate(definitions)
        #expect(found.map(\.rule) == [.notExecutable, .notExecutable, .notExecutable])
        #expect(found.map(\.elementID) == ["p", "f1", "end"])
        #expect(found.last?.message.contains("the messageEventDefinition of endEvent 'end' uses camunda:class") == true)
    }

    @Test("outgoing and incoming flows come from sourceRef and targetRef, not from the outgoing children")
    func indexUsesFlowReferences() throws {
        var definitions = Self.serviceProcess(CamundaExtensions())
        definitions.processes[0].elements.flowNodes[1].outgoing = ["f1", "nonsense"]
        definitions.processes[0].elements.flowNodes[1].incoming = []
        let index = ModelIndex(definitions)
        let work = try #require(index.node("work"))
        #expect(index.outgoing[work].map { index.flows[$0].flow.id } == ["f2"])
        #expect(index.incoming[work].map { index.flows[$0].flow.id } == ["f1"])
        #expect(index.nodes[work].container == index.processContainers[0])
    }

    @Test("odd models never crash a rule")
    func oddModels() {
        let unnamed = FlowNode(id: "", kind: .exclusiveGateway, defaultFlow: "")
        let loop = SequenceFlow(id: "", sourceRef: "", targetRef: "")
        let dangling = SequenceFlow(id: "d", sourceRef: nil, targetRef: nil)
        let selfLoop = SequenceFlow(id: "s", sourceRef: "inner", targetRef: "inner")
        var nested = FlowElements(flowNodes: [FlowNode(id: "inner", kind: .task)], sequenceFlows: [selfLoop])
        for depth in 0..<300 {
            nested = FlowElements(flowNodes: [
                FlowNode(id: ElementID("sub\(depth)"), kind: .subProcess(SubProcess(elements: nested))),
                FlowNode(id: "dup", kind: .boundaryEvent(BoundaryEvent(attachedTo: "dup"))),
            ])
        }
        nested.flowNodes += [unnamed, FlowNode(id: "", kind: .boundaryEvent(BoundaryEvent(attachedTo: nil)))]
        nested.sequenceFlows += [loop, dangling]
        let definitions = Definitions(
            processes: [
                Process(id: "", isExecutable: true, elements: nested),
                Process(id: "empty", isExecutable: true),
            ],
            collaborations: [
                Collaboration(
                    id: "", participants: [Participant(id: "", processRef: "")],
                    messageFlows: [MessageFlow(id: "", sourceRef: nil, targetRef: "")]),
            ])
        let found = BPMNValidator().validate(definitions)
        #expect(found.contains { $0.rule == .missingStartEvent && $0.elementID == "empty" })
        #expect(found.contains { $0.rule == .danglingReference && $0.elementID == "d" })
        #expect(!found.contains { $0.elementID?.rawValue.isEmpty == true })
    }

    /// Camunda extensions of an external task (topic `work`): a service task that Baton runs.
    static var externalTask: CamundaExtensions {
        var camunda = CamundaExtensions()
        camunda.type = "external"
        camunda.topic = "work"
        return camunda
    }

    /// An executable process `p`: start → serviceTask `work` (with `camunda`, at line 20) → end.
    static func serviceProcess(_ camunda: CamundaExtensions) -> Definitions {
        Definitions(processes: [
            Process(
                id: "p", isExecutable: true,
                elements: FlowElements(
                    flowNodes: [
                        FlowNode(id: "start", kind: .startEvent(StartEvent()), location: at(10)),
                        FlowNode(
                            id: "work", kind: .serviceTask(ServiceTask()), extensions: Extensions(camunda: camunda),
                            location: at(20)),
                        FlowNode(id: "end", kind: .endEvent(EndEvent()), location: at(30)),
                    ],
                    sequenceFlows: [
                        SequenceFlow(id: "f1", sourceRef: "start", targetRef: "work", location: at(11)),
                        SequenceFlow(id: "f2", sourceRef: "work", targetRef: "end", location: at(21)),
                    ]),
                location: at(5)),
        ])
    }

    static func at(_ line: Int) -> BPMN.SourceLocation { BPMN.SourceLocation(line: line, column: 5) }
}
