import Expressions
import Testing

@Suite struct FeelTemporalTests {
    /// FEEL expressions whose value renders (with `string(…)`) to the expected text.
    static let rendered: [(String, String)] = [
        ("= string(now())", "2026-11-30T10:15:30.250Z"),
        ("= string(today())", "2026-11-30T00:00:00Z"),
        ("= string(date and time(\"2026-01-31T10:00:00Z\"))", "2026-01-31T10:00:00Z"),
        ("= string(date(\"2026-03-01\"))", "2026-03-01T00:00:00"),
        ("= string(date(2026, 2, 28))", "2026-02-28T00:00:00"),
        ("= string(duration(\"P1D\"))", "P1D"),
        ("= string(duration(\"PT90M\") + duration(\"PT30M\"))", "PT2H"),
        ("= string(date and time(\"2026-01-31T10:00:00Z\") + duration(\"P1D\"))", "2026-02-01T10:00:00Z"),
        ("= string(date and time(\"2026-01-31T10:00:00Z\") - duration(\"PT1H\"))", "2026-01-31T09:00:00Z"),
        ("= string(date and time(\"2026-01-02T12:00:00Z\") - date and time(\"2026-01-01T10:00:00Z\"))", "P1DT2H"),
        ("= string(duration(\"PT1H\") * 3)", "PT3H"),
        ("= string(now() + duration(\"PT10M\"))", "2026-11-30T10:25:30.250Z"),
        ("= string(@\"2026-05-01T08:00:00Z\")", "2026-05-01T08:00:00Z"),
        ("= string(years and months duration(date(\"2024-01-15\"), date(\"2026-03-14\")))", "P2Y1M"),
    ]

    @Test(arguments: rendered)
    func rendersDates(_ source: String, _ expected: String) throws {
        #expect(try evaluate(source) == .success(.string(expected)))
    }

    static let values: [(String, Value)] = [
        ("= date and time(\"2026-01-01T00:00:00Z\") < now()", true),
        ("= date(\"2027-01-01\") > today()", true),
        ("= date and time(\"2026-01-01T01:00:00+01:00\") = date and time(\"2026-01-01T00:00:00Z\")", true),
        ("= duration(\"PT1H\") < duration(\"PT2H\")", true),
        ("= duration(\"P1D\") = duration(\"PT24H\")", true),
        ("= duration(\"P1M\") < duration(\"PT1H\")", nil),
        ("= duration(\"P1Y\") > duration(\"P11M\")", true),
        ("= now().year", 2026), ("= now().month", 11), ("= now().day", 30), ("= now().hour", 10),
        ("= now().weekday", 1),
        ("= date(\"not a date\")", nil), ("= duration(\"P\")", nil), ("= date(2026, 2, 30)", nil),
        ("= now() + 1", nil), ("= now() - duration(\"P1D\") < now()", true),
        ("= date and time(\"2026-11-30T00:00:00Z\") in [today()..now()]", true),
    ]

    @Test(arguments: values)
    func comparesDates(_ source: String, _ expected: Value) throws {
        #expect(try evaluate(source) == .success(expected))
    }

    @Test func datesRenderAsISOTextInJuelTemplatesAndJSON() throws {
        let due = try #require(DateTime.parse("2026-12-24T18:00:00Z"))
        let context = TestContext(["due": .dateTime(due), "wait": .duration(ISODuration(days: 2))])
        #expect(try evaluate("due ${due}, wait ${wait}", context) == .success("due 2026-12-24T18:00:00Z, wait P2D"))
        #expect(try evaluate("${due < due}", context) == .success(false))
        #expect(Value.list([.dateTime(due), .duration(ISODuration(days: 2))]).jsonText
            == #"["2026-12-24T18:00:00Z","P2D"]"#)
    }
}
