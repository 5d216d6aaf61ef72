import Expressions
import Testing

@Suite struct RobustnessTests {
    static let deepInputs: [(String, Bool)] = [
        ("${" + String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60) + "}", true),
        ("${" + String(repeating: "(", count: 250) + "1" + String(repeating: ")", count: 250) + "}", false),
        ("= " + String(repeating: "-", count: 250) + "1", false),
        ("${" + Array(repeating: "1", count: 150).joined(separator: " + ") + "}", true),
        ("= " + Array(repeating: "1", count: 300).joined(separator: " + "), false),
        ("= " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60), true),
        ("= " + String(repeating: "not(", count: 250) + "true" + String(repeating: ")", count: 250), false),
    ]

    @Test(arguments: deepInputs)
    func limitsNesting(_ source: String, _ accepted: Bool) throws {
        let error = syntaxError(source)
        #expect((error == nil) == accepted)
        if let error {
            #expect(error.message == "expression nested too deeply (more than 200 levels of operators)")
        }
    }

    static let fragments = [
        "${", "}", "=", " ", "a", "items", "customer", ".", "[", "]", "(", ")", "1", "-", "+", "*", "/", "**", "'x'",
        "\"y\"", "&&", "and", "or", "not", "empty", "?", ":", ",", "<", ">=", "==", "!=", "in", "..", "for", "some",
        "x", "return", "satisfies", "if", "then", "else", "{", "between", "S(json)", ".prop('a')", "count(",
        "substring(", "date(", "@\"P1D\"", "null", "true", "9223372036854775807", "-9223372036854775808", "0",
        "\\", "#{", "item", "é", "1.5", "div", "mod", "%", "`n`", "sublist(", "index of(", "/*",
    ]

    @Test func survivesRandomInput() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var parsed = 0
        for round in 0..<4000 {
            var text = round % 2 == 0 ? "${" : "= "
            for _ in 0..<(round % 13 + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += RobustnessTests.fragments[Int(state >> 33) % RobustnessTests.fragments.count]
            }
            if round % 2 == 0 { text += "}" }
            guard let expression = try? CompiledExpression.parse(text) else { continue }
            parsed += 1
            _ = expression.evaluate(in: TestContext())
            _ = expression.referencedVariables
        }
        #expect(parsed > 100)
    }

    static let extremes: [(String, Value)] = [
        ("= 9223372036854775807 + 1", .decimal(9_223_372_036_854_775_808)), ("= items[-9223372036854775807]", nil),
        ("= substring(\"abc\", 2, 9223372036854775807)", "bc"), ("= 2 ** 9223372036854775807", nil),
        ("= for i in 1..9223372036854775807 return i", []), ("= sublist(items, 2, 9223372036854775807)", [2, 3]),
        ("${-9223372036854775807 - 1}", .integer(Int.min)), ("${-9223372036854775807 - 2}", -9.223372036854776e18),
        ("${big * 2}", .decimal(Double(Int.max) * 2)), ("${big % -1}", 0), ("= modulo(big, -1)", 0),
    ]

    @Test(arguments: extremes)
    func handlesExtremeNumbers(_ source: String, _ expected: Value) throws {
        #expect(try evaluate(source) == .success(expected))
    }
}
