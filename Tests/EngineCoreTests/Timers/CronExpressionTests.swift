import EngineCore
import Expressions
import Testing

private func instant(_ text: String) throws -> DateTime {
    try #require(DateTime.parse(text))
}

@Suite struct CronExpressionNextTests {
    /// Expression, the instant to search after, the first two matches (nil: none).
    static let cases: [(String, String, String?, String?)] = [
        // Camunda 7 documentation examples (Quartz).
        ("0 0/5 * * * ?", "2026-11-30T10:15:30Z", "2026-11-30T10:20:00Z", "2026-11-30T10:25:00Z"),
        ("0 15 10 ? * MON-FRI", "2026-11-30T10:15:30Z", "2026-12-01T10:15:00Z", "2026-12-02T10:15:00Z"),
        ("0 15 10 ? * MON-FRI", "2026-12-04T11:00:00Z", "2026-12-07T10:15:00Z", "2026-12-08T10:15:00Z"),
        ("0 15 10 L * ?", "2026-11-30T10:15:30Z", "2026-12-31T10:15:00Z", "2027-01-31T10:15:00Z"),
        ("0 15 10 ? * 6#3", "2026-11-30T10:15:30Z", "2026-12-18T10:15:00Z", "2027-01-15T10:15:00Z"),
        // Zeebe documentation examples (Spring).
        ("0 0 9-17 * * MON-FRI", "2026-11-30T10:15:30Z", "2026-11-30T11:00:00Z", "2026-11-30T12:00:00Z"),
        ("0 0 9-17 * * MON-FRI", "2026-12-04T17:30:00Z", "2026-12-07T09:00:00Z", "2026-12-07T10:00:00Z"),
        ("@daily", "2026-11-30T10:15:30Z", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"),
        ("@midnight", "2026-11-30T10:15:30Z", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"),
        ("@hourly", "2026-11-30T10:15:30Z", "2026-11-30T11:00:00Z", "2026-11-30T12:00:00Z"),
        ("@weekly", "2026-11-30T10:15:30Z", "2026-12-06T00:00:00Z", "2026-12-13T00:00:00Z"),
        ("@monthly", "2026-11-30T10:15:30Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("@yearly", "2026-11-30T10:15:30Z", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
        ("@annually", "2026-11-30T10:15:30Z", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
        // Strictly after, at second resolution, across the epoch.
        ("0 0 * * * ?", "2026-11-30T10:00:00Z", "2026-11-30T11:00:00Z", "2026-11-30T12:00:00Z"),
        ("0 0 * * * ?", "2026-11-30T10:59:59.999Z", "2026-11-30T11:00:00Z", "2026-11-30T12:00:00Z"),
        ("0 0 0 1 1 ?", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1971-01-01T00:00:00Z"),
        ("0 0 0 1 1 ?", "1969-06-01T00:00:00Z", "1970-01-01T00:00:00Z", "1971-01-01T00:00:00Z"),
        ("*/15 * * * * *", "2026-11-30T10:15:30Z", "2026-11-30T10:15:45Z", "2026-11-30T10:16:00Z"),
        ("10,20 * * * * *", "2026-11-30T10:15:30Z", "2026-11-30T10:16:10Z", "2026-11-30T10:16:20Z"),
        ("0 59 23 31 12 ?", "2026-11-30T10:15:30Z", "2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z"),
        // Leap years.
        ("0 0 12 29 2 ?", "2026-11-30T10:15:30Z", "2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"),
        ("0 0 0 29 2 ?", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z", "2108-02-29T00:00:00Z"),
        ("0 0 0 L 2 ?", "2027-03-01T00:00:00Z", "2028-02-29T00:00:00Z", "2029-02-28T00:00:00Z"),
        ("0 0 0 30 2 ?", "2026-11-30T10:15:30Z", nil, nil),
        ("0 0 0 31 4 *", "2026-11-30T10:15:30Z", nil, nil),
        // Year field.
        ("0 0 0 1 1 ? 2020", "2026-11-30T10:15:30Z", nil, nil),
        ("0 0 0 1 1 ? 2027-2029", "2026-11-30T10:15:30Z", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
        ("0 0 0 1 1 ? 2027,2031", "2027-06-01T00:00:00Z", "2031-01-01T00:00:00Z", nil),
        ("0 0 0 1 1 ? *", "2026-11-30T10:15:30Z", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
        ("0 0 0 1 1 ? 2030/5", "2026-11-30T10:15:30Z", "2030-01-01T00:00:00Z", "2035-01-01T00:00:00Z"),
        // W, LW, L-n.
        ("0 0 12 15W * ?", "2026-11-30T10:15:30Z", "2026-12-15T12:00:00Z", "2027-01-15T12:00:00Z"),
        ("0 0 12 1W * ?", "2026-07-15T00:00:00Z", "2026-08-03T12:00:00Z", "2026-09-01T12:00:00Z"),
        ("0 0 12 31W * ?", "2026-12-31T13:00:00Z", "2027-01-29T12:00:00Z", "2027-03-31T12:00:00Z"),
        ("0 0 12 LW * ?", "2026-12-31T12:00:01Z", "2027-01-29T12:00:00Z", "2027-02-26T12:00:00Z"),
        ("0 0 12 L-3 * ?", "2026-11-30T10:15:30Z", "2026-12-28T12:00:00Z", "2027-01-28T12:00:00Z"),
        ("0 0 12 L-27 2 ?", "2027-01-01T00:00:00Z", "2027-02-01T12:00:00Z", "2028-02-02T12:00:00Z"),
        // Last and nth weekday, numbered per dialect.
        ("0 0 12 ? * 5L", "2026-11-30T10:15:30Z", "2026-12-31T12:00:00Z", "2027-01-28T12:00:00Z"),
        ("0 0 12 ? * FRIL", "2026-11-30T10:15:30Z", "2026-12-25T12:00:00Z", "2027-01-29T12:00:00Z"),
        ("0 0 12 * * 5L", "2026-11-30T10:15:30Z", "2026-12-25T12:00:00Z", "2027-01-29T12:00:00Z"),
        ("0 0 12 ? JAN,JUL MON#1", "2026-11-30T10:15:30Z", "2027-01-04T12:00:00Z", "2027-07-05T12:00:00Z"),
        ("0 0 12 * * 1#1", "2026-11-30T10:15:30Z", "2026-12-07T12:00:00Z", "2027-01-04T12:00:00Z"),
        ("0 0 12 ? * 6#5", "2026-11-30T10:15:30Z", "2027-01-29T12:00:00Z", "2027-04-30T12:00:00Z"),
        ("0 0 12 ? * L", "2026-11-30T10:15:30Z", "2026-12-05T12:00:00Z", "2026-12-12T12:00:00Z"),
        // Weekday numbering: Quartz 1 = SUN; Spring 0 and 7 = SUN.
        ("0 30 8 ? * 1", "2026-11-30T10:15:30Z", "2026-12-06T08:30:00Z", "2026-12-13T08:30:00Z"),
        ("0 30 8 ? * sun", "2026-11-30T10:15:30Z", "2026-12-06T08:30:00Z", "2026-12-13T08:30:00Z"),
        ("0 30 8 * * 0", "2026-11-30T10:15:30Z", "2026-12-06T08:30:00Z", "2026-12-13T08:30:00Z"),
        ("0 30 8 * * 7", "2026-11-30T10:15:30Z", "2026-12-06T08:30:00Z", "2026-12-13T08:30:00Z"),
        ("0 30 8 * * 1", "2026-11-30T10:15:30Z", "2026-12-07T08:30:00Z", "2026-12-14T08:30:00Z"),
        ("0 30 8 * * 5-7", "2026-11-30T10:15:30Z", "2026-12-04T08:30:00Z", "2026-12-05T08:30:00Z"),
        ("0 0 9 ? * mon-fri", "2026-12-04T10:00:00Z", "2026-12-07T09:00:00Z", "2026-12-08T09:00:00Z"),
        // Spring matches both day fields: Friday the 13th.
        ("0 0 0 13 * FRI", "2026-11-30T10:15:30Z", "2027-08-13T00:00:00Z", "2028-10-13T00:00:00Z"),
        // Quartz wraps backwards ranges.
        ("0 0 22-2 ? * *", "2026-11-30T10:15:30Z", "2026-11-30T22:00:00Z", "2026-11-30T23:00:00Z"),
        ("0 0 22-2 ? * *", "2026-11-30T23:30:00Z", "2026-12-01T00:00:00Z", "2026-12-01T01:00:00Z"),
        ("0 0 12 ? * FRI-MON", "2026-11-30T13:00:00Z", "2026-12-04T12:00:00Z", "2026-12-05T12:00:00Z"),
        ("0 0 0 ? NOV-FEB 2", "2026-11-30T10:15:30Z", "2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z"),
        ("0 0 0 1 NOV-FEB ?", "2026-12-15T00:00:00Z", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"),
        ("0 0 0 1 NOV-FEB ?", "2027-02-15T00:00:00Z", "2027-11-01T00:00:00Z", "2027-12-01T00:00:00Z"),
        // Steps from a value and over a range; month names.
        ("0 5/20 * * * ?", "2026-11-30T10:15:30Z", "2026-11-30T10:25:00Z", "2026-11-30T10:45:00Z"),
        ("0 0 8-18/4 * * *", "2026-11-30T10:15:30Z", "2026-11-30T12:00:00Z", "2026-11-30T16:00:00Z"),
        ("0 0 0 1 jan/3 ?", "2026-11-30T10:15:30Z", "2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z"),
    ]

    @Test(arguments: cases)
    func findsTheNextTwoMatches(text: String, after: String, first: String?, second: String?) throws {
        let expression = try CronExpression.parse(text).get()
        let firstMatch = expression.next(after: try instant(after))
        #expect(firstMatch?.iso8601 == first)
        if let firstMatch {
            #expect(expression.next(after: firstMatch)?.iso8601 == second)
        }
    }

    @Test(arguments: [
        ("0 0/5 * * * ?", CronExpression.Dialect.quartz), ("0 0 12 ? * * 2026", .quartz), ("0 0 12 ? * 1", .quartz),
        ("0 0 12 * * 1", .spring), ("@daily", .spring), ("0 0 9-17 * * MON-FRI", .spring),
    ])
    func tellsTheDialectsApart(text: String, dialect: CronExpression.Dialect) {
        #expect((try? CronExpression.parse(text).get())?.dialect == dialect)
    }

    @Test func keepsTheSourceText() throws {
        #expect(try CronExpression.parse("@daily").get().source == "@daily")
        #expect(try CronExpression.parse("0 0 * * * ?").get().source == "0 0 * * * ?")
    }

    @Test func searchesQuicklyEvenWhenNothingMatches() throws {
        let never = try CronExpression.parse("0 0 0 31 2 ?").get()
        let everySecond = try CronExpression.parse("* * * * * *").get()
        var cursor = try instant("2026-11-30T10:15:30.500Z")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<100 { #expect(never.next(after: cursor) == nil) }
            for _ in 0..<10_000 {
                guard let next = everySecond.next(after: cursor) else { break }
                cursor = next
            }
        }
        #expect(cursor.iso8601 == "2026-11-30T13:02:10Z")
        #expect(elapsed < .seconds(5))
    }
}

@Suite struct CronExpressionErrorTests {
    @Test(arguments: [
        ("", "empty cron expression"),
        ("* * * * *", "5 cron fields look like Unix cron"),
        ("0 0 0 0 0 0 0 0", "found 8"),
        ("60 * * * * ?", "cron second field '60': 60 is outside 0-59"),
        ("0 60 * * * ?", "cron minute field '60': 60 is outside 0-59"),
        ("0 0 24 * * ?", "cron hour field '24': 24 is outside 0-23"),
        ("0 0 0 32 * ?", "cron day-of-month field '32': 32 is outside 1-31"),
        ("0 0 0 0 * ?", "cron day-of-month field '0': 0 is outside 1-31"),
        ("0 0 0 ? 13 *", "cron month field '13': 13 is outside 1-12"),
        ("0 0 0 ? FOO *", "cron month field 'FOO': 'FOO' is not a number or a name such as JAN"),
        ("0 0 0 ? * 8", "cron day-of-week field '8': 8 is outside 1-7"),
        ("0 0 0 ? * 0", "cron day-of-week field '0': 0 is outside 1-7"),
        ("0 0 0 * * 8", "cron day-of-week field '8': 8 is outside 0-7"),
        ("0 0 0 ? * ?", "'?' may stand in only one of day-of-month and day-of-week"),
        ("0 0 0 * * * 2026", "put '?' in day-of-month or day-of-week"),
        ("0 0/0 * * * ?", "cron minute field '0/0': the step after '/' must be a whole number of at least 1"),
        ("0 0/61 * * * ?", "step 61 is larger than the range 0-59"),
        ("0 1/2/3 * * * ?", "more than one '/'"),
        ("0 ? * * * *", "cron minute field '?': '?' is only allowed in day-of-month and day-of-week"),
        ("@often", "unknown cron macro '@often'"),
        ("0 0 0 L,5 * ?", "'L' and 'W' cannot be combined with other days in a list"),
        ("0 0 0 ? * 6#6", "the number after '#' must be 1 to 5"),
        ("0 0 0 ? * 2L,3", "'L' and '#' cannot be combined"),
        ("0 0 0 * * L", "'L' needs a weekday in front"),
        ("0 0 22-2 * * *", "range 22-2 runs backwards"),
        ("0 0 0 ? * * 1969", "cron year field '1969': 1969 is outside 1970-2099"),
        ("0 0 0 1,,2 * ?", "empty list item"),
        ("0 0 0 L-31 * ?", "'L-n' needs n from 0 to 30"),
        ("0 0 0 XW * ?", "cron day-of-month field 'XW'"),
        ("0 0 0 W * ?", "cron day-of-month field 'W'"),
        ("0 0 0 5L * ?", "'L' must stand alone"),
        ("0 -5 * * * ?", "cron minute field '-5': '' is not a number"),
        ("0 0 0 ? * 1-", "cron day-of-week field '1-': '' is not a number"),
    ])
    func explainsWhatIsWrong(text: String, message: String) {
        switch CronExpression.parse(text) {
        case .success:
            Issue.record("'\(text)' should not parse")
        case .failure(let error):
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.text == text)
        }
    }
}
