import Expressions
import Testing

@Suite struct ISODurationParsingTests {
    @Test(arguments: [
        ("P1Y", 12, 0, Int64(0)),
        ("P1Y2M3DT4H5M6.5S", 14, 3, 14_706_500),
        ("P2W", 0, 14, 0),
        ("P1W2D", 0, 9, 0),
        ("PT1.5H", 0, 0, 5_400_000),
        ("P0.5D", 0, 0, 43_200_000),
        ("P1.5W", 0, 7, 302_400_000),
        ("PT0.001S", 0, 0, 1),
        ("PT0.0019S", 0, 0, 1),
        ("PT1,5S", 0, 0, 1500),
        ("-PT10M", 0, 0, -600_000),
        ("-P1M2D", -1, -2, 0),
        ("+P1D", 0, 1, 0),
        ("PT0S", 0, 0, 0),
        ("-PT0S", 0, 0, 0),
        ("P0D", 0, 0, 0),
        ("PT36H", 0, 0, 129_600_000),
        ("PT90M", 0, 0, 5_400_000),
        ("P10D", 0, 10, 0),
        ("P2DT5H70M", 0, 2, 22_200_000),
        ("PT2562047788015H", 0, 0, 9_223_372_036_854_000_000),
    ])
    func parsesValidText(text: String, months: Int, days: Int, milliseconds: Int64) throws {
        let value = try #require(ISODuration.parse(text))
        #expect(value == ISODuration(months: months, days: days, milliseconds: milliseconds))
    }

    @Test(arguments: [
        "", "P", "PT", "-P", "P1DT", "1D", "PD", "P1", "PT1", "P1H", "PT1D", "P1M1Y", "PT1S1M", "P1D1D", "P-1D",
        "P1.5Y", "P0.5M", "PT1.5H30M", "P1.5DT1H", "PT1.S", "PT.5S", "PT1.1234567891S", "p1d", "P1d", "P 1D",
        " P1D", "P1D ", "R1/PT1H", "PT9223372036854775808S", "PT2562047788016H", "P99999999999999999999Y", "--P1D",
        "P1DTT1H",
    ])
    func rejectsInvalidText(text: String) {
        #expect(ISODuration.parse(text) == nil)
    }

    @Test(arguments: [
        ("P1Y2M3DT4H5M6.5S", "P1Y2M3DT4H5M6.5S"),
        ("PT0S", "PT0S"),
        ("P0Y", "PT0S"),
        ("P14M", "P1Y2M"),
        ("P2W", "P14D"),
        ("PT90M", "PT1H30M"),
        ("PT36H", "PT36H"),
        ("-PT10M", "-PT10M"),
        ("-P1Y1DT0.25S", "-P1Y1DT0.25S"),
        ("PT0.120S", "PT0.12S"),
        ("PT1.5H", "PT1H30M"),
        ("P0.5D", "PT12H"),
        ("PT61S", "PT1M1S"),
    ])
    func rendersNormalized(text: String, expected: String) throws {
        let value = try #require(ISODuration.parse(text))
        #expect(value.iso8601 == expected)
        #expect(ISODuration.parse(value.iso8601) == value)
    }

    @Test func rendersMixedSignsPerPart() {
        #expect(ISODuration(months: 1, days: -3).iso8601 == "P1M-3D")
        #expect(ISODuration(days: 1, milliseconds: -1500).iso8601 == "P1DT-1.5S")
    }
}

@Suite struct ISODurationArithmeticTests {
    @Test(arguments: [
        ("2026-01-31T10:00:00Z", "P1M", "2026-02-28T10:00:00Z"),
        ("2024-01-31T10:00:00Z", "P1M", "2024-02-29T10:00:00Z"),
        ("2024-02-29T00:00:00Z", "P1Y", "2025-02-28T00:00:00Z"),
        ("2026-01-31T10:00:00Z", "P1M1D", "2026-03-01T10:00:00Z"),
        ("2026-11-30T10:15:30Z", "PT10M", "2026-11-30T10:25:30Z"),
        ("2026-11-30T10:15:30Z", "-PT10M", "2026-11-30T10:05:30Z"),
        ("2026-11-30T23:00:00Z", "P1DT2H", "2026-12-02T01:00:00Z"),
        ("2026-11-30T23:00:00-05:00", "P1M", "2026-12-30T23:00:00-05:00"),
        ("2026-01-31T23:30:00-02:00", "P1M", "2026-02-28T23:30:00-02:00"),
        ("1970-01-01T00:00:00Z", "-P1D", "1969-12-31T00:00:00Z"),
        ("1970-03-31T00:00:00Z", "-P1M", "1970-02-28T00:00:00Z"),
        ("2026-11-30T10:00:00Z", "P0.5D", "2026-11-30T22:00:00Z"),
        ("2026-11-30T10:00:00Z", "P2W", "2026-12-14T10:00:00Z"),
    ])
    func addsToDateTimes(start: String, duration: String, expected: String) throws {
        let date = try #require(DateTime.parse(start))
        let value = try #require(ISODuration.parse(duration))
        #expect(value.added(to: date).iso8601 == expected)
    }

    @Test func negatesAndSums() throws {
        let first = try #require(ISODuration.parse("P1Y2DT3H"))
        let second = try #require(ISODuration.parse("P1MT30M"))
        #expect((first + second).iso8601 == "P1Y1M2DT3H30M")
        #expect(first.negated.iso8601 == "-P1Y2DT3H")
        #expect((first - first).isZero)
        #expect(ISODuration(months: .max) + ISODuration(months: 1) == ISODuration(months: .max))
    }

    @Test(arguments: [
        ("PT1H", "PT61M", true as Bool?),
        ("P1D", "PT24H", false),
        ("PT25H", "P1D", false),
        ("P1D", "PT25H", true),
        ("P1M", "P1Y", true),
        ("P13M", "P1Y", false),
        ("P1M", "P30D", nil),
        ("P1MT1S", "P1M", nil),
        ("-PT1S", "PT0S", true),
    ])
    func comparesWhereMeaningful(lhs: String, rhs: String, expected: Bool?) throws {
        let left = try #require(ISODuration.parse(lhs))
        let right = try #require(ISODuration.parse(rhs))
        #expect(left.isShorter(than: right) == expected)
    }

    @Test func exactMillisecondsNeedNoMonths() throws {
        #expect(try #require(ISODuration.parse("P1DT1S")).exactMilliseconds == 86_401_000)
        #expect(try #require(ISODuration.parse("P1Y")).exactMilliseconds == nil)
    }
}
