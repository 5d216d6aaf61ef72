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
            #expect(
                task.inMappings == [CamundaVariableMapping(allVariables: true, local: false, location: loc(9, 22))])
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
            #expect(camunda.formFields == [CamundaFormField(id: "", label: "No id", location: loc(17, 23))])
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
                    <camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle>
                    <camunda:failedJobRetryTimeCycle>R2/PT2M</camunda:failedJobRetryTimeCycle>
                    <zeebe:taskSchedule dueDate="=a"/>
                    <zeebe:taskSchedule dueDate="=b"/>
                    <zeebe:priorityDefinition priority="1"/>
                    <zeebe:priorityDefinition priority="2"/>
                    <zeebe:versionTag value="v1"/>
                    <zeebe:versionTag value="v2"/>
                    <zeebe:subscription correlationKey="=one"/>
                    <zeebe:subscription correlationKey="=two"/>
                    <zeebe:adHoc activeElementsCollection="=first"/>
                    <zeebe:adHoc activeElementsCollection="=second"/>
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
                CamundaProperty(name: "a", value: "1", location: loc(12, 25)),
                CamundaProperty(name: "b", value: "2", location: loc(13, 25)),
            ])
            #expect(camunda.failedJobRetryTimeCycle == "R1/PT1M")
            #expect(camunda.failedJobRetryTimeCycleLocation == loc(18, 5))
            #expect(extensions.otherAttributes.map(\.name.description) == ["camunda:asyncBefore", "camunda:async"])
            let zeebe = try #require(extensions.zeebe)
            #expect(zeebe.taskDefinition == ZeebeTaskDefinition(type: "one", location: loc(14, 5)))
            #expect(zeebe.inputs == [ZeebeMapping(source: "=1", target: "a", location: loc(16, 22))])
            #expect(zeebe.outputs == [ZeebeMapping(source: "=2", target: "b", location: loc(17, 22))])
            #expect(zeebe.dueDate == "=a")
            #expect(zeebe.taskScheduleLocation == loc(20, 5))
            #expect(zeebe.priority == "1")
            #expect(zeebe.priorityLocation == loc(22, 5))
            #expect(zeebe.versionTag == "v1")
            #expect(zeebe.versionTagLocation == loc(24, 5))
            #expect(zeebe.correlationKey == "=one")
            #expect(zeebe.correlationKeyLocation == loc(26, 5))
            #expect(zeebe.adHocActiveElementsCollection == "=first")
            #expect(zeebe.adHocLocation == loc(28, 5))
            #expect(extensions.otherElements.map(\.name.description) == [
                "camunda:connector", "zeebe:taskDefinition", "camunda:failedJobRetryTimeCycle", "zeebe:taskSchedule",
                "zeebe:priorityDefinition", "zeebe:versionTag", "zeebe:subscription", "zeebe:adHoc",
            ])
            #expect(extensions.otherElements.map(\.location.line) == [11, 15, 19, 21, 23, 25, 27, 29])
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

        @Test("field values: string or expression, from an attribute or a child; missing and doubled ones reported")
        func fieldValues() throws {
            let parsed = try ExtensionsTestSupport.parse(Self.document("""
                <serviceTask id="s" camunda:class="com.example.Delegate">
                  <extensionElements>
                    <camunda:field name="a" stringValue=""/>
                    <camunda:field name="b"><camunda:string>  padded  </camunda:string></camunda:field>
                    <camunda:field name="c" expression="${x}"><camunda:expression>${y}</camunda:expression>
                    </camunda:field>
                    <camunda:field name="d" stringValue="s" expression="${e}"/>
                    <camunda:field name="e"/>
                    <camunda:field stringValue="v"/>
                    <operaton:field name="f" expression="${f}"/>
                  </extensionElements>
                </serviceTask>
                """))
            let camunda = try parsed.definitions.camunda("s")
            #expect(camunda.fields == [
                CamundaField(name: "a", value: .string(""), location: loc(10, 5)),
                CamundaField(name: "b", value: .string("  padded  "), location: loc(11, 5)),
                CamundaField(name: "c", value: .expression("${x}"), location: loc(12, 5)),
                CamundaField(name: "d", value: .string("s"), location: loc(14, 5)),
                CamundaField(name: "e", value: .string(""), location: loc(15, 5)),
                CamundaField(name: "", value: .string("v"), location: loc(16, 5)),
                CamundaField(name: "f", value: .expression("${f}"), location: loc(17, 5)),
            ])
            #expect(try parsed.definitions.node("s").extensions.otherElements.isEmpty)
            #expect(parsed.diagnostics.allSatisfy { $0.rule == .invalidAttribute })
            #expect(parsed.diagnostics.map(\.severity) == [.error, .warning, .error, .error])
            #expect(parsed.diagnostics.map(\.location) == [loc(12, 5), loc(14, 5), loc(15, 5), loc(16, 5)])
            #expect(parsed.diagnostics.map(\.message) == [
                "<camunda:field> 'c' has both the 'expression' attribute and a <camunda:expression> child; write "
                    + "only one",
                "<camunda:field> 'd' has both a string value and an expression; Camunda 7 injects the string and "
                    + "ignores the expression",
                "<camunda:field> 'e' has no value; give it a 'stringValue' or 'expression' attribute, or a "
                    + "<camunda:string> or <camunda:expression> child",
                "<camunda:field> has no 'name' attribute; it names the delegate field to inject",
            ])
        }

        @Test("attributes Baton does not type on form data, listeners and called elements are kept")
        func untypedAttributesKept() throws {
            let parsed = try ExtensionsTestSupport.parse(Self.document("""
                <userTask id="u">
                  <extensionElements>
                    <camunda:formData businessKey="orderId" camunda:extra="x">
                      <camunda:formField id="orderId"/>
                    </camunda:formData>
                    <camunda:formData><camunda:formField id="note"/></camunda:formData>
                    <camunda:taskListener id="tl" event="create" expression="${a}" signavio:note="n"/>
                    <camunda:executionListener event="end" class="C" camunda:class="D"/>
                  </extensionElements>
                </userTask>
                <callActivity id="c">
                  <extensionElements>
                    <zeebe:calledElement processId="x" processIdExpression="=y" zeebe:extra="z"/>
                  </extensionElements>
                </callActivity>
                """))
            #expect(parsed.diagnostics == [])
            let camunda = try parsed.definitions.camunda("u")
            #expect(camunda.formDataAttributes == [
                attribute("", "businessKey", "orderId"), attribute(Namespaces.camunda, "extra", "x"),
            ])
            #expect(camunda.formFields == [
                CamundaFormField(id: "orderId", location: loc(11, 7)),
                CamundaFormField(id: "note", location: loc(13, 23)),
            ])
            #expect(camunda.taskListeners == [
                CamundaListener(
                    event: "create", expression: "${a}",
                    otherAttributes: [attribute("", "id", "tl"), attribute("http://www.signavio.com", "note", "n")],
                    location: loc(14, 5)),
            ])
            #expect(camunda.executionListeners == [
                CamundaListener(
                    event: "end", className: "C", otherAttributes: [attribute(Namespaces.camunda, "class", "D")],
                    location: loc(15, 5)),
            ])
            #expect(
                try parsed.definitions.zeebe("c").calledElement
                    == ZeebeCalledElement(
                        processID: "x",
                        otherAttributes: [
                            attribute("", "processIdExpression", "=y"), attribute(Namespaces.zeebe, "extra", "z"),
                        ],
                        location: loc(20, 5)))
        }

        @Test("conditional and error attributes of Camunda's are read once; a second spelling stays verbatim")
        func attributesOfTheModel() throws {
            let parsed = try ExtensionsTestSupport.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                             xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <error id="e" errorCode="E" operaton:errorMessage="first" camunda:errorMessage="second"/>
                  <process id="p">
                    <intermediateCatchEvent id="w">
                      <conditionalEventDefinition camunda:variableName="a" operaton:variableName="b"
                                                  camunda:variableEvents="create" camunda:unknown="u">
                        <condition>${a}</condition>
                      </conditionalEventDefinition>
                    </intermediateCatchEvent>
                  </process>
                </definitions>
                """)
            #expect(parsed.diagnostics == [])
            let error = try #require(parsed.definitions.errors.first)
            #expect(error.errorMessage == "first")
            #expect(error.extensions.otherAttributes == [attribute(Namespaces.camunda, "errorMessage", "second")])
            #expect(error.extensions.camunda == nil)
            let definition = try #require(try parsed.definitions.node("w").kind.eventDefinitions.first)
            #expect(definition.kind == .conditional(
                condition: Expression(body: "${a}", location: loc(10, 9)), variableName: "a",
                variableEvents: ["create"]))
            #expect(definition.extensions.otherAttributes == [
                attribute(Namespaces.operaton, "variableName", "b"), attribute(Namespaces.camunda, "unknown", "u"),
            ])
            #expect(definition.extensions.camunda == nil)
        }
    }
}
