import Expressions
import Foundation
import Testing

@Suite struct ValueCodingTests {
    static let rendered: [(Value, String)] = [
        (nil, "null"), (true, "true"), (false, "false"), (42, "42"), (-7, "-7"), (2.5, "2.5"), (2.0, "2.0"),
        ("plain", #""plain""#), ("quote \" and \\", #""quote \" and \\""#), ("line\nbreak\t", #""line\nbreak\t""#),
        (.string("\u{01}"), #""\u0001""#), ("é", #""é""#), ([], "[]"), ([1, "a", nil], #"[1,"a",null]"#),
        ([:], "{}"), (["b": 1, "a": [true]], #"{"a":[true],"b":1}"#), (.decimal(.infinity), "null"),
        (["z": ["y": ["x": 1]]], #"{"z":{"y":{"x":1}}}"#),
    ]

    @Test(arguments: rendered)
    func rendersStableJSON(_ value: Value, _ expected: String) {
        #expect(value.jsonText == expected)
    }

    static let parsed: [(String, Value?)] = [
        ("null", nil), ("true", true), (" 12 ", 12), ("-3", -3), ("1.5", 1.5), ("1e2", 100.0), ("2.0", 2.0),
        ("99999999999999999999", 1e20), (#""a\u00e9\n""#, "aé\n"), (#""\ud83d\ude00""#, "😀"),
        (#"{"a": [1, {"b": null}]}"#, ["a": [1, ["b": nil]]]), ("[]", []),
    ]

    @Test(arguments: parsed)
    func readsJSON(_ text: String, _ expected: Value?) {
        #expect(Value(jsonText: text) == (expected ?? .null))
    }

    @Test(arguments: ["", "nul", "[1,", "{\"a\" 1}", "01x", "\"open", "[1] 2", "{a: 1}", "1.", "\"\\x\""])
    func refusesInvalidJSON(_ text: String) {
        #expect(Value(jsonText: text) == nil)
    }

    static let roundTrips: [Value] = [
        nil, true, 0, Int.max.value, -1, 0.25, -1e-9, "text", "ünïcode ✓", [], [1, [2, [3]]], [:],
        ["a": 1, "b": ["c": [nil, false, 2.5, "x"]]],
    ]

    @Test(arguments: roundTrips)
    func roundTripsThroughCodable(_ value: Value) throws {
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(Value.self, from: data) == value)
    }

    @Test(arguments: roundTrips)
    func roundTripsThroughJSONText(_ value: Value) {
        #expect(Value(jsonText: value.jsonText) == value)
    }

    @Test func decodesIntegralNumbersAsIntegersAndOthersAsDecimals() throws {
        let decoded = try JSONDecoder().decode(Value.self, from: Data(#"[1, 1.5, 1e30, "s", {"k": false}]"#.utf8))
        #expect(decoded == [1, 1.5, 1e30, "s", ["k": false]])
    }

    @Test func encodesDatesAndDurationsAsStrings() throws {
        let due = try #require(DateTime.parse("2026-12-24T18:00:00Z"))
        let data = try JSONEncoder().encode(Value.list([.dateTime(due), .duration(ISODuration(days: 1))]))
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-12-24T18:00:00Z","P1D"]"#)
        #expect(try JSONDecoder().decode(Value.self, from: data) == ["2026-12-24T18:00:00Z", "P1D"])
    }

    static let typeNames: [(Value, String)] = [
        (nil, "Null"), (true, "Boolean"), (1, "Integer"), (1.5, "Decimal"), ("s", "String"), ([], "List"),
        ([:], "Map"), (.dateTime(DateTime(epochMilliseconds: 0)), "DateTime"), (.duration(ISODuration()), "Duration"),
    ]

    @Test(arguments: typeNames)
    func namesTypes(_ value: Value, _ name: String) {
        #expect(value.typeName == name)
    }
}

extension Int {
    fileprivate var value: Value { .integer(self) }
}
