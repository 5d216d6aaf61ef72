import BPMN
import Testing

/// Resource roles, elements Baton does not model, and ids the document left out.
@Suite struct ModelReaderExtrasTests {
    private static let xml = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
          <resource id="Boss" name="Boss" />
          <process id="P" isExecutable="false">
            <potentialOwner id="Starters"><resourceAssignmentExpression><formalExpression>group(sales)\
        </formalExpression></resourceAssignmentExpression></potentialOwner>
            <auditing id="Audit" />
            <userTask id="Review">
              <humanPerformer resourceRef="Boss"><resourceAssignmentExpression>
                <formalExpression>kermit</formalExpression></resourceAssignmentExpression></humanPerformer>
              <potentialOwner><resourceAssignmentExpression><formalExpression>user(gonzo), group(management)\
        </formalExpression></resourceAssignmentExpression></potentialOwner>
            </userTask>
            <userTsk id="Typo" />
            <sequenceFlow sourceRef="Review" targetRef="Review" />
          </process>
          <bogusRoot id="Bogus" />
        </definitions>
        """

    @Test func resourceRolesAreRead() throws {
        let parsed = try BPMNParser().parse(Self.xml)
        let process = try #require(parsed.definitions.processes.first)
        #expect(process.resourceRoles.map(\.kind) == [.potentialOwner])
        #expect(process.resourceRoles.first?.assignment?.body == "group(sales)")
        let task = try #require(process.elements.flowNodes.first)
        #expect(task.resourceRoles.map(\.kind) == [.humanPerformer, .potentialOwner])
        #expect(task.resourceRoles.first?.resourceRef == "Boss")
        #expect(task.resourceRoles.first?.assignment?.body == "kermit")
        #expect(task.resourceRoles.last?.assignment?.body == "user(gonzo), group(management)")
        #expect(task.resourceRoles.first?.location == SourceLocation(line: 7, column: 7))
    }

    @Test func elementsBatonDoesNotModelAreKeptAndUnknownOnesReported() throws {
        let parsed = try BPMNParser().parse(Self.xml)
        let process = try #require(parsed.definitions.processes.first)
        #expect(process.elements.otherElements.map(\.name.localName) == ["auditing", "userTsk"])
        #expect(parsed.definitions.otherElements.map(\.name.localName) == ["resource", "bogusRoot"])
        let unknown = parsed.diagnostics.filter { $0.rule == .unknownElement }
        #expect(unknown.map(\.elementID) == ["Typo", "Bogus"])
        #expect(unknown.map(\.severity) == [.warning, .warning])
        #expect(unknown.first?.location == SourceLocation(line: 11, column: 5))
        #expect(unknown.first?.message.contains("<userTsk>") == true)
    }

    @Test func aMissingSequenceFlowIDIsMadeUpButNeverReportedAsAnElementID() throws {
        let parsed = try BPMNParser().parse(Self.xml)
        let flow = try #require(parsed.definitions.processes.first?.elements.sequenceFlows.first)
        #expect(flow.id == ElementID.generated(for: "sequenceFlow", at: SourceLocation(line: 12, column: 5)))
        #expect(flow.id.isGenerated)
        let diagnostic = Diagnostic(.error, .flowMismatch, "x", at: flow.location, element: flow.id)
        #expect(diagnostic.elementID == nil)
        #expect(!ElementID("Flow_1").isGenerated)
    }
}
