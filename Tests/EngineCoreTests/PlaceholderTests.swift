import EngineCore
import Testing

@Suite struct EngineCorePlaceholderTests {
    @Test func cronTextIsKept() {
        #expect(throws: Never.self) { _ = CronExpression.parse("0 0 * * * ?") }
    }
}
