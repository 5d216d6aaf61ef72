import BPMN
import Foundation
import Testing

extension ExtensionsReaderTests {
    /// The reader over real modeler output in the shared corpus: only the documents the MANIFEST marks as bad are
    /// refused, every typed extension element an independent XPath scan finds is in the model, and a few values are
    /// exact.
    @Suite("Extensions in the shared corpus")
    struct Corpus {
        static let folders = [
            "bpmn-engine", "bpmn-js", "bpmn-js-properties-panel", "bpmn-moddle", "camunda-engine", "camunda-examples",
            "camunda-tutorials", "miwg", "spiff", "zeebe-bpmn-moddle",
        ]
        /// The folders of Camunda and Zeebe modeler output, where the scan must find typed elements at all.
        static let extensionFolders: Set<String> = [
            "bpmn-js-properties-panel", "zeebe-bpmn-moddle", "camunda-examples", "camunda-engine", "camunda-tutorials",
        ]
        static let manifest: [String: CorpusEntry] = Dictionary(
            ((try? CorpusEntry.all()) ?? []).map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })

        @Test(
            "only MANIFEST-refused documents are refused; the model holds every typed extension element found",
            arguments: folders)
        func wholeFolder(folder: String) throws {
            #expect(!Self.manifest.isEmpty, "the corpus MANIFEST could not be read")
            let directory = ExtensionsTestSupport.corpus.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".bpmn") || $0.hasSuffix(".xml") }.sorted()
            #expect(!names.isEmpty, "no documents in \(directory.path)")
            var found = 0
            for name in names {
                let file = "\(folder)/\(name)"
                let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
                let entry = try #require(Self.manifest[file], "\(file) is not in the MANIFEST")
                let declaresEntities = String(decoding: bytes.prefix(4096), as: UTF8.self).contains("<!ENTITY")
                let definitions: Definitions
                do {
                    definitions = try BPMNParser().parse(bytes).definitions
                } catch {
                    #expect(
                        entry.mustBeRefused || declaresEntities,
                        "\(file) was refused: \(error.diagnostics.first.map(String.init(describing:)) ?? "no reason")")
                    #expect(error.diagnostics.first?.severity == .error, "\(file) was refused without an error")
                    continue
                }
                #expect(!entry.mustBeRefused && !declaresEntities, "\(file) must be refused, but was read")
                let expected = try #require(IndependentExtensionCount.counts(of: bytes), "libxml2 cannot read \(file)")
                #expect(definitions.typedExtensionCounts == expected, "\(file)")
                found += expected.values.reduce(0, +)
            }
            if Self.extensionFolders.contains(folder) {
                #expect(found > 0, "the scan found no typed Camunda or Zeebe extension elements in \(folder)")
            }
        }

        @Test("the independent scan counts every kind in the fixtures, and so does the model", arguments: [
            "camunda7", "camunda7-foo-prefix", "operaton", "activiti",
        ])
        func scanOfCamundaFixtures(fixture: String) throws {
            let expected = [
                "camunda:inputParameter": 5, "camunda:outputParameter": 2, "camunda:connector/inputParameter": 2,
                "camunda:connector/outputParameter": 1, "camunda:property": 3, "camunda:executionListener": 4,
                "camunda:taskListener": 2, "camunda:field": 2, "camunda:listener/field": 4, "camunda:formField": 3,
                "camunda:in": 5, "camunda:out": 2, "camunda:errorEventDefinition": 1,
                "camunda:failedJobRetryTimeCycle": 1,
            ]
            let bytes = try Self.fixtureBytes(fixture)
            #expect(IndependentExtensionCount.counts(of: bytes) == expected)
            #expect(try BPMNParser().parse(bytes).definitions.typedExtensionCounts == expected)
        }

        @Test("the independent scan counts every Zeebe kind in the fixture, and so does the model")
        func scanOfZeebeFixture() throws {
            let expected = [
                "zeebe:input": 2, "zeebe:output": 1, "zeebe:header": 2, "zeebe:property": 2,
                "zeebe:executionListener": 2, "zeebe:taskListener": 2, "zeebe:taskDefinition": 2,
                "zeebe:assignmentDefinition": 1, "zeebe:taskSchedule": 1, "zeebe:priorityDefinition": 1,
                "zeebe:formDefinition": 3, "zeebe:calledElement": 1, "zeebe:calledDecision": 1, "zeebe:subscription": 1,
                "zeebe:loopCharacteristics": 1, "zeebe:script": 1, "zeebe:versionTag": 1, "zeebe:adHoc": 1,
            ]
            let bytes = try Self.fixtureBytes("zeebe")
            #expect(IndependentExtensionCount.counts(of: bytes) == expected)
            #expect(try BPMNParser().parse(bytes).definitions.typedExtensionCounts == expected)
            #expect(Set(expected.keys).isSubset(of: IndependentExtensionCount.paths.keys))
        }

        static func fixtureBytes(_ name: String) throws -> [UInt8] {
            let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            return try [UInt8](Data(contentsOf: fixtures.appendingPathComponent("extensions/\(name).bpmn")))
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
                CamundaVariableMapping(source: "jobAnnouncementId", target: "jobAnnouncementId", location: loc(33, 9)),
                CamundaVariableMapping(source: "facebook", target: "facebook", location: loc(34, 9)),
                CamundaVariableMapping(source: "twitter", target: "twitter", location: loc(35, 9)),
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
            #expect(
                try definitions.camunda("StartEvent_1").formFields
                    == [CamundaFormField(id: "formField_1", location: loc(7, 11))])
        }

        @Test("Zeebe: task listeners, form definitions, io mapping, ad-hoc output collection")
        func zeebe() throws {
            let listeners = try ExtensionsTestSupport.corpusFile("zeebe-bpmn-moddle/zeebe-taskListeners.bpmn")
                .definitions
            let nodes = listeners.processes.flatMap(\.elements.allFlowNodes)
            #expect(nodes.compactMap(\.extensions.zeebe).flatMap(\.taskListeners) == [
                ZeebeListener(eventType: "assign", type: "assign_listener", retries: "2", location: loc(7, 11)),
                ZeebeListener(eventType: "assign", type: "assign_listener", retries: "4", location: loc(15, 13)),
            ])

            let forms = try ExtensionsTestSupport.corpusFile("zeebe-bpmn-moddle/userTask-zeebe-formDefinition.bpmn")
                .definitions.processes.flatMap(\.elements.allFlowNodes).compactMap(\.extensions.zeebe)
            #expect(forms.map(\.form) == [
                ZeebeForm(formID: "form", location: loc(6, 9)),
                ZeebeForm(externalReference: "form-1", location: loc(11, 9)),
            ])
            #expect(forms.map(\.isZeebeUserTask) == [false, true])

            let panel = try ExtensionsTestSupport.corpusFile(
                "bpmn-js-properties-panel/zeebe__ZeebePropertiesProvider.bpmn"
            ).definitions
            #expect(
                try panel.zeebe("ServiceTask_1").inputs
                    == [ZeebeMapping(source: "= foo", target: "myInput", location: loc(15, 11))])
            #expect(
                try panel.zeebe("ScriptTask_2").script
                    == ZeebeScript(expression: "=today()", resultVariable: "variable", location: loc(59, 9)))
            #expect(
                try panel.zeebe("CallActivity_1").calledElement
                    == ZeebeCalledElement(processID: nil, propagateAllChildVariables: false, location: loc(31, 9)))

            let agent = try ExtensionsTestSupport.corpusFile("camunda-tutorials/AI_Email_Support_Agent.bpmn")
                .definitions
            let adHoc = try agent.node("Activity_04glkkx").extensions
            #expect(adHoc.zeebe?.adHocOutputCollection == "toolCallResults")
            #expect(adHoc.zeebe?.adHocOutputElement?.hasPrefix("={\n  id: toolCall._meta.id,") == true)
            #expect(adHoc.otherAttributes.map(\.name.localName).contains("modelerTemplate"))
        }
    }
}

extension Definitions {
    /// Every `Extensions` value of the model: the definitions, root elements, collaborations, processes, flow nodes
    /// (sub-processes included), sequence flows, multi-instance loops and event definitions (a top-level one once,
    /// however many events refer to it).
    var allExtensions: [Extensions] {
        var result = [extensions] + messages.map(\.extensions) + signals.map(\.extensions) + errors.map(\.extensions)
            + escalations.map(\.extensions) + collaborations.map(\.extensions) + eventDefinitions.map(\.extensions)
        let shared = Set(eventDefinitions.map(\.location))
        for process in processes {
            result.append(process.extensions)
            result += process.elements.sequenceFlows.map(\.extensions)
            for node in process.elements.allFlowNodes {
                result.append(node.extensions)
                result += node.kind.subProcess?.elements.sequenceFlows.map(\.extensions) ?? []
                result += node.kind.eventDefinitions.filter { !shared.contains($0.location) }.map(\.extensions)
                if case .multiInstance(let loop) = node.loopCharacteristics { result.append(loop.extensions) }
            }
        }
        return result
    }

    /// What the model holds of each kind `IndependentExtensionCount` counts, summed over `allExtensions`.
    var typedExtensionCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for extensions in allExtensions {
            for (kind, count) in Self.typedCounts(extensions) where count > 0 { counts[kind, default: 0] += count }
        }
        return counts
    }

    private static func typedCounts(_ extensions: Extensions) -> [String: Int] {
        var counts: [String: Int] = [:]
        if let camunda = extensions.camunda {
            counts["camunda:inputParameter"] = camunda.inputParameters.count
            counts["camunda:outputParameter"] = camunda.outputParameters.count
            counts["camunda:connector/inputParameter"] = camunda.connector?.inputParameters.count ?? 0
            counts["camunda:connector/outputParameter"] = camunda.connector?.outputParameters.count ?? 0
            counts["camunda:property"] = camunda.properties.count
            counts["camunda:executionListener"] = camunda.executionListeners.count
            counts["camunda:taskListener"] = camunda.taskListeners.count
            counts["camunda:field"] = camunda.fields.count
            counts["camunda:listener/field"] = (camunda.executionListeners + camunda.taskListeners)
                .map(\.fields.count).reduce(0, +)
            counts["camunda:formField"] = camunda.formFields.count
            counts["camunda:in"] = camunda.inMappings.count
            counts["camunda:out"] = camunda.outMappings.count
            counts["camunda:errorEventDefinition"] = camunda.errorEventDefinitions.count
            counts["camunda:failedJobRetryTimeCycle"] = camunda.failedJobRetryTimeCycleLocation == nil ? 0 : 1
        }
        if let zeebe = extensions.zeebe {
            counts["zeebe:input"] = zeebe.inputs.count
            counts["zeebe:output"] = zeebe.outputs.count
            counts["zeebe:header"] = zeebe.taskHeaders.count
            counts["zeebe:property"] = zeebe.properties.count
            counts["zeebe:executionListener"] = zeebe.executionListeners.count
            counts["zeebe:taskListener"] = zeebe.taskListeners.count
            let single: [String: Bool] = [
                "taskDefinition": zeebe.taskDefinition != nil, "assignmentDefinition": zeebe.assignment != nil,
                "taskSchedule": zeebe.taskScheduleLocation != nil, "priorityDefinition": zeebe.priorityLocation != nil,
                "formDefinition": zeebe.form != nil, "calledElement": zeebe.calledElement != nil,
                "calledDecision": zeebe.calledDecision != nil, "subscription": zeebe.correlationKeyLocation != nil,
                "loopCharacteristics": zeebe.loopCharacteristics != nil, "script": zeebe.script != nil,
                "versionTag": zeebe.versionTagLocation != nil, "adHoc": zeebe.adHocLocation != nil,
            ]
            for (name, present) in single where present { counts["zeebe:\(name)"] = 1 }
        }
        return counts
    }
}
