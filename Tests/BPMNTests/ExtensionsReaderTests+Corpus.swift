import BPMN
import Foundation
import Testing

extension ExtensionsReaderTests {
    /// The reader over real modeler output in the shared corpus: nothing crashes, and a few values are exact.
    @Suite("Extensions in the shared corpus")
    struct Corpus {
        static let folders = ["bpmn-js-properties-panel", "zeebe-bpmn-moddle", "camunda-examples", "camunda-engine",
            "camunda-tutorials"]

        @Test("every document parses or is refused with diagnostics; typed extensions are found", arguments: folders)
        func wholeFolder(folder: String) throws {
            let directory = ExtensionsTestSupport.corpus.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".bpmn") || $0.hasSuffix(".xml") }.sorted()
            #expect(!names.isEmpty, "no documents in \(directory.path)")
            var typed = 0
            for name in names {
                let path = directory.appendingPathComponent(name).path
                do {
                    let definitions = try BPMNParser().parse(contentsOfFile: path).definitions
                    let extensions = definitions.processes.flatMap { process in
                        [process.extensions] + process.elements.allFlowNodes.map(\.extensions)
                    }
                    typed += extensions.filter { $0.camunda != nil || $0.zeebe != nil }.count
                } catch {
                    #expect(!error.diagnostics.isEmpty, "\(name) was refused without a reason")
                }
            }
            #expect(typed > 0, "no typed Camunda or Zeebe extensions in \(folder)")
        }

        @Test("Camunda examples: external task with a script input, multi-instance collection")
        func loanGranting() throws {
            let definitions = try ExtensionsTestSupport.corpusFile(
                "camunda-examples/spring-boot-starter__external-task-client__loan-granting-spring-boot-webapp__bpmn__"
                    + "loan-granting.bpmn"
            ).definitions
            #expect(definitions.processes.first?.extensions.camunda?.historyTimeToLive == "P180D")
            let task = try definitions.camunda("Task_1lvjtd4")
            #expect(task.type == "external")
            #expect(task.topic == "creditScoreChecker")
            #expect(task.inputParameters.map(\.withoutLocations) == [
                CamundaParameter(
                    name: "Input_2rvtuu9",
                    value: .script(CamundaScript(
                        scriptFormat: "javascript", body: "execution.setVariable(\"defaultScore\", 5);"))),
            ])
            let loops = try definitions.processes.flatMap(\.elements.allFlowNodes)
                .filter { $0.loopCharacteristics != nil }
                .compactMap { try definitions.multiInstanceExtensions($0.id).camunda }
            #expect(loops.contains { $0.collection == "${creditScores}" && $0.elementVariable == "score" })
        }

        @Test("Camunda examples: listener script resource, script task resource, call activity inputs")
        func xsltAndCallActivity() throws {
            let xslt = try ExtensionsTestSupport.corpusFile(
                "camunda-examples/scripttask__xslt-scripttask__xslt-example.bpmn"
            ).definitions
            #expect(try xslt.camunda("StartEvent_1").executionListeners.map(\.withoutLocations) == [
                CamundaListener(
                    event: "end",
                    script: CamundaScript(
                        scriptFormat: "groovy", resource: "org/camunda/bpm/example/xsltexample/readXmlFile.groovy")),
            ])
            let task = try xslt.camunda("ScriptTask_1")
            #expect(task.resource == "org/camunda/bpm/example/xsltexample/example.xsl")
            #expect(task.resultVariable == "xmlOutput")
            #expect(task.inputParameters.map(\.withoutLocations) == [
                CamundaParameter(name: "camunda_source", value: .text("${customers}")),
            ])

            let jobs = try ExtensionsTestSupport.corpusFile(
                "camunda-examples/testing__assert__job-announcement-publication-process__camunda-testing-job-"
                    + "announcement.bpmn"
            ).definitions
            #expect(try jobs.camunda("publication").inMappings == [
                CamundaVariableMapping(source: "jobAnnouncementId", target: "jobAnnouncementId"),
                CamundaVariableMapping(source: "facebook", target: "facebook"),
                CamundaVariableMapping(source: "twitter", target: "twitter"),
            ])
            #expect(try jobs.camunda("edit").candidateGroups == ["engineering"])
        }

        @Test("properties panel: Camunda job execution and external task priority")
        func propertiesPanelCamunda() throws {
            let definitions = try ExtensionsTestSupport.corpusFile(
                "bpmn-js-properties-panel/camunda-platform__CamundaPlatformPropertiesProvider-Process.bpmn"
            ).definitions
            #expect(definitions.processes.first?.extensions.camunda?.taskPriority == "DefaultPriority")
            let rule = try definitions.camunda("ShowJobExecutionBusinessRuleTask_1")
            #expect(rule.asyncAfter == true)
            #expect(rule.exclusive == false)
            let external = try definitions.camunda("ExternalTaskServiceTask_2")
            #expect(external.type == "external")
            #expect(external.topic == "")
            #expect(external.taskPriority == "1337")
            #expect(try definitions.camunda("StartEvent_1").formFields == [CamundaFormField(id: "formField_1")])
        }

        @Test("Zeebe: task listeners, form definitions, io mapping, ad-hoc output collection")
        func zeebe() throws {
            let listeners = try ExtensionsTestSupport.corpusFile("zeebe-bpmn-moddle/zeebe-taskListeners.bpmn")
                .definitions
            let nodes = listeners.processes.flatMap(\.elements.allFlowNodes)
            #expect(nodes.compactMap(\.extensions.zeebe).flatMap(\.taskListeners).contains(
                ZeebeListener(eventType: "assign", type: "assign_listener", retries: "2")))

            let forms = try ExtensionsTestSupport.corpusFile("zeebe-bpmn-moddle/userTask-zeebe-formDefinition.bpmn")
                .definitions.processes.flatMap(\.elements.allFlowNodes).compactMap(\.extensions.zeebe)
            #expect(forms.map(\.form) == [ZeebeForm(formID: "form"), ZeebeForm(externalReference: "form-1")])
            #expect(forms.map(\.isZeebeUserTask) == [false, true])

            let panel = try ExtensionsTestSupport.corpusFile(
                "bpmn-js-properties-panel/zeebe__ZeebePropertiesProvider.bpmn"
            ).definitions
            #expect(try panel.zeebe("ServiceTask_1").inputs == [ZeebeMapping(source: "= foo", target: "myInput")])
            #expect(
                try panel.zeebe("ScriptTask_2").script
                    == ZeebeScript(expression: "=today()", resultVariable: "variable"))
            #expect(try panel.zeebe("CallActivity_1").calledElement
                == ZeebeCalledElement(processID: nil, propagateAllChildVariables: false))

            let agent = try ExtensionsTestSupport.corpusFile("camunda-tutorials/AI_Email_Support_Agent.bpmn")
                .definitions
            let adHoc = try agent.node("Activity_04glkkx").extensions
            #expect(adHoc.zeebe?.adHocOutputCollection == "toolCallResults")
            #expect(adHoc.zeebe?.adHocOutputElement?.hasPrefix("={\n  id: toolCall._meta.id,") == true)
            #expect(adHoc.otherAttributes.map(\.name.localName).contains("modelerTemplate"))
        }
    }
}
