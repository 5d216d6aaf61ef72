import BPMN
import Foundation
import Testing

extension ExtensionsReaderTests {
    /// Invalid values, duplicates, unknown vocabulary and namespace tricks, from inline documents.
    @Suite("Extension edge cases")
    struct EdgeCases {
        /// A document whose process holds `body`; the namespaces `camunda`, `operaton`, `zeebe` and `signavio` are
        /// declared.
        static func document(_ body: String) -> String {
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                         xmlns:operaton="http://operaton.org/schema/1.0/bpmn"
                         xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                         xmlns:signavio="http://www.signavio.com" id="d" targetNamespace="t">
              <process id="p">
            \(body)
              </process>
            </definitions>
            """
        }

        @Test("invalid booleans are reported as invalid-attribute and leave the field unset")
        func invalidBooleans() throws {
            let parsed = try ExtensionsTestSupport.parse(Self.document("""
                <task id="t" camunda:asyncBefore="yes" camunda:exclusive="nope" camunda:asyncAfter="1">
                  <extensionElements><camunda:in variables="all" local="maybe"/></extensionElements>
                </task>
                <intermediateThrowEvent id="s"><signalEventDefinition camunda:async="soon"/></intermediateThrowEvent>
                <callActivity id="c">
                  <extensionElements>
                    <zeebe:calledElement processId="x" propagateAllChildVariables="never"/>
                  </extensionElements>
                </callActivity>
                """))
            #expect(parsed.diagnostics.count == 5)
            #expect(parsed.diagnostics.allSatisfy { $0.rule == .invalidAttribute && $0.severity == .error })
            #expect(parsed.diagnostics.contains { $0.message.contains("'camunda:asyncBefore'") && $0.elementID == "t" })
            #expect(parsed.diagnostics.contains { $0.message.contains("'local'") && $0.message.contains("'maybe'") })
            let task = try parsed.definitions.camunda("t")
            #expect(task.asyncBefore == nil)
            #expect(task.exclusive == nil)
            #expect(task.asyncAfter == true)
            #expect(task.inMappings == [CamundaVariableMapping(allVariables: true, local: false)])
            #expect(try parsed.definitions.eventDefinitionExtensions("s").camunda?.signalAsync == nil)
            #expect(try parsed.definitions.zeebe("c").calledElement?.propagateAllChildVariables == nil)
        }

        @Test("missing names, ids and keys, and two nested values, are reported")
        func missingRequiredAttributes() throws {
            let parsed = try ExtensionsTestSupport.parse(Self.document("""
                <userTask id="u">
                  <extensionElements>
                    <camunda:inputOutput>
                      <camunda:inputParameter>x</camunda:inputParameter>
                      <camunda:inputParameter name="m">
                        <camunda:map><camunda:entry>v</camunda:entry></camunda:map>
                      </camunda:inputParameter>
                      <camunda:inputParameter name="two"><camunda:list/><camunda:map/></camunda:inputParameter>
                    </camunda:inputOutput>
                    <camunda:formData><camunda:formField label="No id"/></camunda:formData>
                  </extensionElements>
                </userTask>
                """))
            let messages = parsed.diagnostics.map(\.message)
            #expect(parsed.diagnostics.allSatisfy { $0.rule == .invalidAttribute })
            #expect(messages.count == 4)
            #expect(messages.contains { $0.contains("<camunda:inputParameter> has no 'name'") })
            #expect(messages.contains { $0.contains("<camunda:entry> has no 'key'") })
            #expect(messages.contains { $0.contains("at most one nested element") })
            #expect(messages.contains { $0.contains("<camunda:formField> has no 'id'") })
            let camunda = try parsed.definitions.camunda("u")
            #expect(camunda.inputParameters.map(\.withoutLocations) == [
                CamundaParameter(name: "", value: .text("x")),
                CamundaParameter(name: "m", value: .map([CamundaMapEntry(key: "", value: .text("v"))])),
                CamundaParameter(name: "two", value: .list([])),
            ])
            #expect(camunda.formFields == [CamundaFormField(id: "", label: "No id")])
        }

        @Test("unknown Camunda and Zeebe vocabulary is kept verbatim and leaves the typed side nil")
        func unknownVocabulary() throws {
            let parsed = try ExtensionsTestSupport.parse(Self.document("""
                <task id="t" camunda:diagramRelationId="r1" zeebe:modelerTemplate="tpl">
                  <extensionElements>
                    <camunda:somethingNew a="1"><camunda:child/></camunda:somethingNew>
                    <zeebe:linkedResources/>
                    <signavio:signavioMetaData metaKey="k" metaValue="v"/>
                  </extensionElements>
                </task>
                """))
            #expect(parsed.diagnostics == [])
            let extensions = try parsed.definitions.node("t").extensions
            #expect(extensions.camunda == nil)
            #expect(extensions.zeebe == nil)
            #expect(extensions.otherAttributes.map(\.name.localName) == ["diagramRelationId", "modelerTemplate"])
            #expect(
                extensions.otherElements.map(\.name.localName)
                    == ["somethingNew", "linkedResources", "signavioMetaData"])
            #expect(extensions.otherElements.first?.children.map(\.name.localName) == ["child"])
        }

        @Test("a second copy of a single-valued setting is kept verbatim, not dropped or merged")
        func duplicates() throws {
            let parsed = try ExtensionsTestSupport.parse(Self.document("""
                <serviceTask id="t" operaton:asyncBefore="true" camunda:asyncBefore="false" camunda:async="false">
                  <extensionElements>
                    <camunda:connector><camunda:connectorId>first</camunda:connectorId></camunda:connector>
                    <camunda:connector><camunda:connectorId>second</camunda:connectorId></camunda:connector>
                    <camunda:properties><camunda:property name="a" value="1"/></camunda:properties>
                    <camunda:properties><camunda:property name="b" value="2"/></camunda:properties>
                    <zeebe:taskDefinition type="one"/>
                    <zeebe:taskDefinition type="two"/>
                    <zeebe:ioMapping><zeebe:input source="=1" target="a"/></zeebe:ioMapping>
                    <zeebe:ioMapping><zeebe:output source="=2" target="b"/></zeebe:ioMapping>
                  </extensionElements>
                </serviceTask>
                """))
            #expect(parsed.diagnostics == [])
            let extensions = try parsed.definitions.node("t").extensions
            let camunda = try #require(extensions.camunda)
            // The first URI seen decides the vocabulary.
            #expect(camunda.vocabulary == .operaton)
            #expect(camunda.asyncBefore == true)
            #expect(camunda.connector?.connectorID == "first")
            #expect(camunda.properties == [
                CamundaProperty(name: "a", value: "1"), CamundaProperty(name: "b", value: "2"),
            ])
            #expect(extensions.otherAttributes.map(\.name.description) == ["camunda:asyncBefore", "camunda:async"])
            #expect(extensions.zeebe?.taskDefinition == ZeebeTaskDefinition(type: "one"))
            #expect(extensions.zeebe?.inputs == [ZeebeMapping(source: "=1", target: "a")])
            #expect(extensions.zeebe?.outputs == [ZeebeMapping(source: "=2", target: "b")])
            #expect(extensions.otherElements.map(\.name.description) == ["camunda:connector", "zeebe:taskDefinition"])
        }

        @Test("namespaces count, prefixes do not: a default-namespace redeclaration, a camunda prefix elsewhere")
        func namespacesNotPrefixes() throws {
            let parsed = try ExtensionsTestSupport.parse(Self.document("""
                <task id="t" xmlns:c="http://activiti.org/bpmn" c:assignee="kermit">
                  <extensionElements>
                    <inputOutput xmlns="http://camunda.org/schema/1.0/bpmn">
                      <inputParameter name="a">1</inputParameter>
                    </inputOutput>
                    <camunda:properties xmlns:camunda="http://example.com/fake">
                      <camunda:property name="x" value="y"/>
                    </camunda:properties>
                  </extensionElements>
                </task>
                """))
            #expect(parsed.diagnostics == [])
            let extensions = try parsed.definitions.node("t").extensions
            let camunda = try #require(extensions.camunda)
            #expect(camunda.vocabulary == .activiti)
            #expect(camunda.assignee == "kermit")
            #expect(camunda.inputParameters.map(\.withoutLocations) == [CamundaParameter(name: "a", value: .text("1"))])
            #expect(camunda.properties.isEmpty)
            #expect(extensions.otherElements.map(\.name.namespaceURI) == ["http://example.com/fake"])
        }

        @Test("comma lists are trimmed, drop empty items and keep expressions whole")
        func commaLists() throws {
            let parsed = try ExtensionsTestSupport.parse(Self.document("""
                <userTask id="u" camunda:candidateGroups=" a ,, b,${groups(x, y)},#{more({1,2})} "
                          camunda:candidateUsers=""/>
                """))
            let camunda = try parsed.definitions.camunda("u")
            #expect(camunda.candidateGroups == ["a", "b", "${groups(x, y)}", "#{more({1,2})}"])
            #expect(camunda.candidateUsers == [])
        }
    }
}
