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
            expected.properties = [
                ZeebeKeyValue(key: "team", value: "logistics"), ZeebeKeyValue(key: "cost-center", value: "42"),
            ]
            expected.executionListeners = [
                ZeebeListener(eventType: "start", type: "audit-start", retries: "5"),
                ZeebeListener(eventType: "end", type: "audit-end"),
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
            #expect(message.extensions.zeebe == expected)
        }

        @Test("service task: task definition, headers, io mapping; template attribute and linked resources kept")
        func serviceTask() throws {
            let node = try ExtensionsTestSupport.fixture("zeebe").definitions.node("pack")
            var expected = ZeebeExtensions()
            expected.taskDefinition = ZeebeTaskDefinition(type: "=\"pack-\" + region", retries: "=retries")
            expected.taskHeaders = [
                ZeebeKeyValue(key: "method", value: "POST"),
                ZeebeKeyValue(key: "url", value: "https://example.com/pack"),
            ]
            expected.inputs = [
                ZeebeMapping(source: "=order.items", target: "items"), ZeebeMapping(source: "static", target: "mode"),
            ]
            expected.outputs = [ZeebeMapping(source: "=result.box", target: "box")]
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
                assignee: "=initiator", candidateGroups: "qa, managers", candidateUsers: "=[\"ann\"]")
            expected.dueDate = "=now() + duration(\"P1D\")"
            expected.followUpDate = "2025-01-01T10:00:00Z"
            expected.priority = "75"
            expected.form = ZeebeForm(formID: "check-form", bindingType: "versionTag", versionTag: "v3")
            expected.taskListeners = [
                ZeebeListener(eventType: "assigning", type: "on-assign", retries: "2"),
                ZeebeListener(eventType: "completing", type: "on-complete"),
            ]
            #expect(try definitions.zeebe("check") == expected)
            #expect(try definitions.zeebe("legacyForm").form == ZeebeForm(formKey: "camunda-forms:bpmn:inlineForm"))
            #expect(try definitions.zeebe("legacyForm").isZeebeUserTask == false)
            #expect(
                try definitions.zeebe("externalForm").form
                    == ZeebeForm(externalReference: "https://forms.example.com/ship"))
        }

        @Test("call activity, business rule task, script task")
        func calls() throws {
            let definitions = try ExtensionsTestSupport.fixture("zeebe").definitions
            #expect(
                try definitions.zeebe("ship").calledElement
                    == ZeebeCalledElement(
                        processID: "=shippingProcess", propagateAllChildVariables: false,
                        propagateAllParentVariables: true, bindingType: "deployment", versionTag: "v1",
                        businessID: "=order.customerId"))
            #expect(
                try definitions.zeebe("risk").calledDecision
                    == ZeebeCalledDecision(
                        decisionID: "risk-check", resultVariable: "riskResult", bindingType: "versionTag",
                        versionTag: "2024-1"))
            #expect(
                try definitions.zeebe("total").script
                    == ZeebeScript(expression: "=sum(items.price)", resultVariable: "total"))
        }

        @Test("multi-instance loop characteristics sit on the loop, ad-hoc settings on the sub-process")
        func loopAndAdHoc() throws {
            let definitions = try ExtensionsTestSupport.fixture("zeebe").definitions
            let loop = try #require(try definitions.multiInstanceExtensions("notifyEach").zeebe)
            var expected = ZeebeExtensions()
            expected.loopCharacteristics = ZeebeLoopCharacteristics(
                inputCollection: "=customers", inputElement: "customer", outputCollection: "results",
                outputElement: "=result")
            #expect(loop == expected)
            #expect(try definitions.zeebe("notifyEach").loopCharacteristics == nil)
            #expect(try definitions.zeebe("notifyEach").taskDefinition == ZeebeTaskDefinition(type: "notify"))

            let adHoc = try definitions.zeebe("agent")
            #expect(adHoc.adHocActiveElementsCollection == "=toolCalls")
            #expect(adHoc.adHocOutputCollection == "toolResults")
            #expect(adHoc.adHocOutputElement == "=toolResult")
            #expect(try definitions.node("awaitPayment").extensions.isEmpty)
            #expect(try definitions.node("tool").extensions.isEmpty)
        }
    }
}
