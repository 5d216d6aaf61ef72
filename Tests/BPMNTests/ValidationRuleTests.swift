import Foundation
import Testing

@testable import BPMN

/// One fixture under `Fixtures/validation/` that must produce exactly one diagnostic, and the valid counterpart of
/// the same rule that must produce none.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var fixture: String
    var rule: DiagnosticRule
    var severity: Diagnostic.Severity
    var line: Int
    var column: Int
    var element: ElementID?
    var valid: String
    var excerpt: String

    var testDescription: String { fixture }
}

/// The validation rules, each variant on its own fixture (the cases are in `ValidationRuleTests+…Cases.swift`),
/// plus rule logic on model values built in code (`ValidationRuleTests+Model.swift`).
@Suite struct ValidationRuleTests {
    @Test("each structural variant reports one diagnostic; its valid counterpart none", arguments: structuralCases)
    func structuralVariant(_ rule: RuleCase) throws {
        try expect(rule)
    }

    @Test("each execution variant reports one diagnostic; its valid counterpart none", arguments: executionCases)
    func executionVariant(_ rule: RuleCase) throws {
        try expect(rule)
    }

    @Test("each not-executable variant reports one diagnostic; its valid counterpart none", arguments: camundaCases)
    func camundaVariant(_ rule: RuleCase) throws {
        try expect(rule)
    }

    @Test("several unconditioned flows out of an exclusive gateway without a default are each an error")
    func severalUnconditionedFlows() throws {
        let found = try Self.check("unconditioned-several").diagnostics
        #expect(found.map(\.rule) == [.unconditionedGatewayFlow, .unconditionedGatewayFlow])
        #expect(found.map(\.severity) == [.error, .error])
        #expect(found.map { [$0.location.line, $0.location.column] } == [[8, 5], [9, 5]])
        #expect(found.map(\.elementID) == ["f2", "f3"])
        #expect(found.first?.message.contains("leaves exclusiveGateway 'gw' without a condition, and so does 'f3'")
            == true)
    }

    @Test("a link jumps only within its own container: the catch event outside it is never reached")
    func linkInAnotherContainer() throws {
        let found = try Self.check("link-in-other-container").diagnostics
        #expect(found.map(\.rule) == [.flowMismatch, .unreachableNode, .unreachableNode])
        #expect(found.map { [$0.location.line, $0.location.column] } == [[10, 7], [14, 5], [18, 5]])
        #expect(found.map(\.elementID) == ["jump", "land", "end"])
        #expect(found.first?.message.contains("no intermediate catch event in subProcess 'sub' has that link name")
            == true)
    }

    @Test("the example processes validate without any diagnostic", arguments: ["order-fulfilment", "support-inquiry"])
    func exampleProcess(_ name: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("processes/\(name).bpmn").path
        let result = BPMNDocumentCheck().check(contentsOfFile: path)
        #expect(result.definitions != nil)
        #expect(result.diagnostics.map(\.description) == [])
    }

    private func expect(_ rule: RuleCase) throws {
        let found = try Self.check(rule.fixture).diagnostics
        #expect(found.count == 1, "\(found.map(\.description))")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.rule == rule.rule)
        #expect(diagnostic.severity == rule.severity)
        #expect(diagnostic.location.line == rule.line)
        #expect(diagnostic.location.column == rule.column)
        #expect(diagnostic.elementID == rule.element)
        #expect(diagnostic.message.contains(rule.excerpt), "\(diagnostic.message)")
        let valid = try Self.check(rule.valid)
        #expect(valid.definitions != nil)
        #expect(valid.diagnostics.map(\.description) == [])
    }

    static func check(_ fixture: String) throws -> BPMNCheckResult {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let path = fixtures.appendingPathComponent("validation/\(fixture).bpmn").path
        #expect(FileManager.default.fileExists(atPath: path), "missing fixture \(fixture)")
        return BPMNDocumentCheck().check(contentsOfFile: path)
    }
}
