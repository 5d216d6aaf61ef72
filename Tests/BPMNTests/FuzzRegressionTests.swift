import Foundation
import Testing

@testable import BPMN

/// Inputs the fuzzer found (`Fixtures/fuzz/`, see docs/fuzzing.md): each must be refused cleanly. Under the fuzzer
/// (AddressSanitizer) `scripts/fuzz` replays them too, which is where a leak or an invalid access would show.
@Suite struct FuzzRegressionTests {
    private static func fixture(_ name: String) throws -> [UInt8] {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("fuzz").appendingPathComponent(name)))
    }

    /// libxml2 builds a stand-in document for an internal entity declaration in SAX mode; it leaked until
    /// `XMLDocumentParser` freed it. The declaration itself is refused.
    @Test(arguments: ["leak-internal-entity.xml", "leak-entity-minimised.xml", "leak-entity-original.xml"])
    func entityDeclarationsAreRefused(_ name: String) throws {
        let bytes = try Self.fixture(name)
        let result = BPMNDocumentCheck().check(bytes)
        #expect(result.definitions == nil)
        #expect(result.hasErrors)
        #expect(throws: XMLParseFailure.self) { try XMLDocumentParser().parse(bytes) }
    }

    @Test func theEntityDeclarationIsNamedInTheDiagnostic() throws {
        let result = BPMNDocumentCheck().check(try Self.fixture("leak-internal-entity.xml"))
        #expect(result.diagnostics.map(\.rule) == [.entityDeclaration])
        #expect(result.diagnostics.first?.message.contains("'x'") == true)
    }
}
