import Expressions
import Testing

@Suite struct DateTimeParsingTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0), 0 as Int?),
        ("1970-01-01", 0, nil),
        ("1969-12-31T23:59:59.999Z", -1, 0),
        ("1970-01-01T00:00:00.001Z", 1, 0),
        ("2026-11-30T10:15:30Z", 1_796_033_730_000, 0),
        ("2026-11-30T10:15:30", 1_796_033_730_000, nil),
        ("2026-11-30t10:15:30z", 1_796_033_730_000, 0),
        ("2026-11-30T10:15:30.250Z", 1_796_033_730_250, 0),
        ("2026-11-30T10:15:30,25Z", 1_796_033_730_250, 0),
        ("2026-11-30T10:15:30.123456789Z", 1_796_033_730_123, 0),
        ("2026-11-30T10:15:30.5Z", 1_796_033_730_500, 0),
        ("2026-11-30T11:15:30+01:00", 1_796_033_730_000, 3600),
        ("2026-11-30T04:45:30-0530", 1_796_033_730_000, -19800),
        ("2026-11-30T04:45:30-05:30", 1_796_033_730_000, -19800),
        ("2026-11-30T12:15:30+02", 1_796_033_730_000, 7200),
        ("2026-11-30T10:15Z", 1_796_033_700_000, 0),
        ("2026-11-30", 1_795_996_800_000, nil),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000, 0),
        ("2000-02-29", 951_782_400_000, nil),
        ("1900-03-01", -2_203_891_200_000, nil),
        ("0000-01-01", -62_167_219_200_000, nil),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999, 0),
        ("1970-01-01T00:00:00-18:00", 64_800_000, -64800),
    ])
    func parsesValidText(text: String, epoch: Int64, offset: Int?) throws {
        let value = try #require(DateTime.parse(text))
        #expect(value.epochMilliseconds == epoch)
        #expect(value.offsetSeconds == offset)
    }

    @Test(arguments: [
        "", "2026", "2026-11", "2026-1-30", "2026-11-30T", "2026-11-30T10", "2026-11-30T10:15:30Z[Europe/Berlin]",
        "2026-11-30T10:15:30[UTC]", "2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
        "2026-11-30T24:00:00Z", "2026-11-30T23:60:00Z", "2026-11-30T23:59:60Z", "2026-11-30T10:15:30.Z",
        "2026-11-30T10:15:30.1234567890Z", "2026-11-30T10:15:30+19:00", "2026-11-30T10:15:30+01:60",
        "2026-11-30T10:15:30+1", "2026-11-30T10:15:30 Z", " 2026-11-30", "2026-11-30 ", "2026-11-30Z",
        "2026-11-30 10:15:30", "20261130T101530Z", "+2026-11-30", "2026-11-30T10:15:30+01:00:00", "P1D",
    ])
    func rejectsInvalidText(text: String) {
        #expect(DateTime.parse(text) == nil)
    }

    @Test(arguments: [
        ("2026-11-30T10:15:30Z", "2026-11-30T10:15:30Z"),
        ("2026-11-30T10:15:30.250Z", "2026-11-30T10:15:30.250Z"),
        ("2026-11-30T10:15:30.100+01:00", "2026-11-30T10:15:30.100+01:00"),
        ("2026-11-30T10:15:30.000Z", "2026-11-30T10:15:30Z"),
        ("2026-11-30T10:15:30-0530", "2026-11-30T10:15:30-05:30"),
        ("2026-11-30T10:15:30+00:00", "2026-11-30T10:15:30Z"),
        ("2026-11-30T10:15:30-00:00", "2026-11-30T10:15:30Z"),
        ("2026-11-30T10:15:30", "2026-11-30T10:15:30"),
        ("2026-11-30", "2026-11-30T00:00:00"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ("2026-11-30T10:15+01:00", "2026-11-30T10:15:00+01:00"),
    ])
    func rendersInTheStoredOffset(text: String, expected: String) throws {
        let value = try #require(DateTime.parse(text))
        #expect(value.iso8601 == expected)
        #expect(DateTime.parse(value.iso8601) == value)
    }

    @Test func rendersYearsOutsideFourDigits() throws {
        let early = try #require(DateTime(year: -44, month: 3, day: 15, offsetSeconds: 0))
        #expect(early.iso8601 == "-0044-03-15T00:00:00Z")
        let late = try #require(DateTime(year: 12345, month: 1, day: 1, offsetSeconds: 0))
        #expect(late.iso8601 == "+12345-01-01T00:00:00Z")
    }
}

@Suite struct DateTimeCalendarTests {
    @Test(arguments: [
        // year, month, day, weekday (1 = Monday)
        (1970, 1, 1, 4), (1969, 12, 31, 3), (2000, 2, 29, 2), (2024, 2, 29, 4), (2026, 11, 30, 1),
        (1900, 1, 1, 1), (1600, 3, 1, 3), (2400, 12, 31, 7), (1, 1, 1, 1),
    ])
    func componentsRoundTrip(year: Int, month: Int, day: Int, weekday: Int) throws {
        let value = try #require(DateTime(year: year, month: month, day: day, hour: 13, minute: 7, second: 9,
                                          millisecond: 42))
        let fields = value.utcComponents
        #expect(fields.year == year)
        #expect(fields.month == month)
        #expect(fields.day == day)
        #expect(fields.hour == 13)
        #expect(fields.minute == 7)
        #expect(fields.second == 9)
        #expect(fields.millisecond == 42)
        #expect(fields.weekday == weekday)
    }

    @Test func everyDayFrom1899To2101RoundTrips() throws {
        var previous: Int64?
        for year in 1899...2101 {
            for month in 1...12 {
                for day in 1...31 {
                    guard let value = DateTime(year: year, month: month, day: day) else {
                        #expect(day > 28)
                        continue
                    }
                    if let previous { #expect(value.epochMilliseconds - previous == 86_400_000) }
                    previous = value.epochMilliseconds
                    let fields = value.utcComponents
                    #expect(fields.year == year && fields.month == month && fields.day == day)
                }
            }
        }
    }

    @Test func localComponentsUseTheOffset() throws {
        let value = try #require(DateTime.parse("2026-01-01T01:30:00+05:00"))
        #expect(value.utcComponents.day == 31)
        #expect(value.utcComponents.year == 2025)
        #expect(value.utcComponents.hour == 20)
        #expect(value.localComponents.day == 1)
        #expect(value.localComponents.hour == 1)
        #expect(value.localComponents.weekday == 4)
    }

    @Test(arguments: [
        ("2026-01-31T10:00:00Z", 1, "2026-02-28T10:00:00Z"),
        ("2024-01-31T10:00:00Z", 1, "2024-02-29T10:00:00Z"),
        ("2024-02-29T10:00:00Z", 12, "2025-02-28T10:00:00Z"),
        ("2024-02-29T10:00:00Z", 48, "2028-02-29T10:00:00Z"),
        ("2026-03-31T00:00:00Z", -1, "2026-02-28T00:00:00Z"),
        ("2026-01-15T00:00:00Z", -1, "2025-12-15T00:00:00Z"),
        ("2026-12-31T23:00:00Z", 2, "2027-02-28T23:00:00Z"),
        ("1970-01-31T00:00:00Z", -2, "1969-11-30T00:00:00Z"),
        ("2026-01-31T23:30:00-02:00", 1, "2026-02-28T23:30:00-02:00"),
        ("2026-05-31T00:30:00+01:00", 1, "2026-06-30T00:30:00+01:00"),
        ("2026-05-10T08:00:00Z", 0, "2026-05-10T08:00:00Z"),
    ])
    func addsMonthsWithClamping(start: String, months: Int, expected: String) throws {
        let value = try #require(DateTime.parse(start))
        #expect(value.adding(months: months).iso8601 == expected)
    }

    @Test func addingMillisecondsCrossesTheEpoch() throws {
        let value = try #require(DateTime.parse("1970-01-01T00:00:00.500Z"))
        #expect(value.adding(milliseconds: -1000).iso8601 == "1969-12-31T23:59:59.500Z")
    }

    @Test func arithmeticSaturates() {
        #expect(DateTime.maximum.adding(milliseconds: .max) == DateTime.maximum)
        #expect(DateTime.minimum.adding(milliseconds: .min) == DateTime.minimum)
        #expect(DateTime(epochMilliseconds: 0).adding(months: .max) == DateTime.maximum)
        #expect(DateTime(epochMilliseconds: 0).adding(days: .min) == DateTime.minimum)
    }

    @Test(arguments: [
        (2026, 2, 29), (2026, 4, 31), (2026, 0, 1), (2026, 13, 1), (2026, 1, 0), (1_000_000, 1, 1),
    ])
    func rejectsInvalidFields(year: Int, month: Int, day: Int) {
        #expect(DateTime(year: year, month: month, day: day) == nil)
    }

    @Test func ordersByInstantButComparesOffsetsForEquality() throws {
        let utc = try #require(DateTime.parse("2026-11-30T10:00:00Z"))
        let berlin = try #require(DateTime.parse("2026-11-30T11:00:00+01:00"))
        #expect(!(utc < berlin) && !(berlin < utc))
        #expect(utc != berlin)
        #expect(utc == berlin.withOffset(0))
    }
}
