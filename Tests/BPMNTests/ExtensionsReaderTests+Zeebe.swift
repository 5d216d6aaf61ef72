import BPMN
import Foundation
import Testing

extension ExtensionsReaderTests {
    /// Every Zeebe extension element, read from `Fixtures/extensions/zeebe.bpmn`.
    @Suite("Zeebe extensions")
    struct Zeebe {
        @Test("the fixture reads without diagnostics")
        func noDiagnostics() throws {
            #expect(try ExtensionsTestSupport.fixture("zeebe").diagnostics == [])
        }

        @Test("process: version tag, properties, execution listeners; userTaskForm stays verbatim")
        func process() throws {
            let process = try #require(try ExtensionsTestSupport.fixture("zeebe").definitions.processes.first)
            var expected = ZeebeExtensions()
            expected.versionTag = "v2.1"
            expected.versionTagLocation = loc(15, 7)
            expected.properties = [
                ZeebeKeyValue(key: "team", value: "logistics", location: loc(17, 9)),
                ZeebeKeyValue(key: "cost-center", value: "42", location: loc(18, 9)),
            ]
            expected.executionListeners = [
                ZeebeListener(eventType: "start", type: "audit-start", retries: "5", location: loc(21, 9)),
                ZeebeListener(eventType: "end", type: "audit-end", location: loc(22, 9)),
            ]
            #expect(process.extensions.zeebe == expected)
            #expect(process.extensions.camunda == nil)
            let form = try #require(process.extensions.otherElements.first)
            #expect(process.extensions.otherElements.count == 1)
            #expect(form.name == XMLName(namespaceURI: Namespaces.zeebe, localName: "userTaskForm"))
            #expect(form.text == "{ \"components\": [] }")
        }

        @Test("message: subscription correlation key")
        func message() throws {
            let message = try #require(try ExtensionsTestSupport.fixture("zeebe").definitions.messages.first)
            var expected = ZeebeExtensions()
            expected.correlationKey = "=orderId"
            expected.correlationKeyLocation = loc(10, 7)
            #expect(message.extensions.zeebe == expected)
        }

        @Test("service task: task definition, headers, io mapping; template attribute and linked resources kept")
        func serviceTask() throws {
            let node = try ExtensionsTestSupport.fixture("zeebe").definitions.node("pack")
            var expected = ZeebeExtensions()
            expected.taskDefinition = ZeebeTaskDefinition(
                type: "=\"pack-\" + region", retries: "=retries", location: loc(28, 9))
            expected.taskHeaders = [
                ZeebeKeyValue(key: "method", value: "POST", location: loc(30, 11)),
                ZeebeKeyValue(key: "url", value: "https://example.com/pack", location: loc(31, 11)),
            ]
            expected.inputs = [
                ZeebeMapping(source: "=order.items", target: "items", location: loc(34, 11)),
                ZeebeMapping(source: "static", target: "mode", location: loc(35, 11)),
            ]
            expected.outputs = [ZeebeMapping(source: "=result.box", target: "box", location: loc(36, 11))]
            #expect(node.extensions.zeebe == expected)
            #expect(node.extensions.otherAttributes == [
                XMLAttribute(
                    name: XMLName(namespaceURI: Namespaces.zeebe, localName: "modelerTemplate"),
                    value: "io.example.pack"),
            ])
            #expect(node.extensions.otherElements.map(\.name.localName) == ["linkedResources"])
        }

        @Test("user task: marker, assignment, schedule, priority, form, task listeners")
        func userTask() throws {
            let definitions = try ExtensionsTestSupport.fixture("zeebe").definitions
            var expected = ZeebeExtensions()
            expected.isZeebeUserTask = true
            expected.assignment = ZeebeAssignment(
                assignee: "=initiator", candidateGroups: "qa, managers", candidateUsers: "=[\"ann\"]",
                location: loc(46, 9))
            expected.dueDate = "=now() + duration(\"P1D\")"
            expected.followUpDate = "2025-01-01T10:00:00Z"
            expected.taskScheduleLocation = loc(47, 9)
            expected.priority = "75"
            expected.priorityLocation = loc(48, 9)
            expected.form = ZeebeForm(
                formID: "check-form", bindingType: "versionTag", versionTag: "v3", location: loc(49, 9))
            expected.taskListeners = [
                ZeebeListener(eventType: "assigning", type: "on-assign", retries: "2", location: loc(51, 11)),
                ZeebeListener(eventType: "completing", type: "on-complete", location: loc(52, 11)),
            ]
            #expect(try definitions.zeebe("check") == expected)
            #expect(
                try definitions.zeebe("legacyForm").form
                    == ZeebeForm(formKey: "camunda-forms:bpmn:inlineForm", location: loc(58, 9)))
            #expect(try definitions.zeebe("legacyForm").isZeebeUserTask == false)
            #expect(
                try definitions.zeebe("externalForm").form
                    == ZeebeForm(externalReference: "https://forms.example.com/ship", location: loc(63, 9)))
        }

        @Test("call activity (an untyped attribute kept), business rule task, script task")
        func calls() throws {
            let definitions = try ExtensionsTestSupport.fixture("zeebe").definitions
            #expect(
                try definitions.zeebe("ship").calledElement
                    == ZeebeCalledElement(
                        processID: "=shippingProcess", propagateAllChildVariables: false,
                        propagateAllParentVariables: true, bindingType: "deployment", versionTag: "v1",
                        businessID: "=order.customerId",
                        otherAttributes: [
                            XMLAttribute(
                                name: XMLName(namespaceURI: "", localName: "processIdExpression"),
                                value: "=legacyProcessId"),
                        ],
                        location: loc(68, 9)))
            #expect(
                try definitions.zeebe("risk").calledDecision
                    == ZeebeCalledDecision(
                        decisionID: "risk-check", resultVariable: "riskResult", bindingType: "versionTag",
                        versionTag: "2024-1", location: loc(75, 9)))
            #expect(
                try definitions.zeebe("total").script
                    == ZeebeScript(expression: "=sum(items.price)", resultVariable: "total", location: loc(81, 9)))
        }

        @Test("multi-instance loop characteristics sit on the loop, ad-hoc settings on the sub-process")
        func loopAndAdHoc() throws {
            let definitions = try ExtensionsTestSupport.fixture("zeebe").definitions
            let loop = try #require(try definitions.multiInstanceExtensions("notifyEach").zeebe)
            var expected = ZeebeExtensions()
            expected.loopCharacteristics = ZeebeLoopCharacteristics(
                inputCollection: "=customers", inputElement: "customer", outputCollection: "results",
                outputElement: "=result", location: loc(90, 11))
            #expect(loop == expected)
            #expect(try definitions.zeebe("notifyEach").loopCharacteristics == nil)
            #expect(
                try definitions.zeebe("notifyEach").taskDefinition
                    == ZeebeTaskDefinition(type: "notify", location: loc(86, 9)))

            let adHoc = try definitions.zeebe("agent")
            #expect(adHoc.adHocActiveElementsCollection == "=toolCalls")
            #expect(adHoc.adHocOutputCollection == "toolResults")
            #expect(adHoc.adHocOutputElement == "=toolResult")
            #expect(adHoc.adHocLocation == loc(97, 9))
            #expect(try definitions.node("awaitPayment").extensions.isEmpty)
            #expect(try definitions.node("tool").extensions.isEmpty)
        }
    }
}
