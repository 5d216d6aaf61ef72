import EngineCore
import Expressions
import Testing

private func instant(_ text: String) throws -> DateTime {
    try #require(DateTime.parse(text))
}

/// The due times of a schedule started at `now`, firing each one, up to `limit` of them.
private func dueTimes(_ schedule: TimerSchedule, now: DateTime, limit: Int = 5) -> [String] {
    var result: [String] = []
    var due = schedule.firstDue(startingAt: now)
    while let current = due, result.count < limit {
        result.append(current.iso8601)
        due = schedule.nextDue(after: current, firedCount: result.count)
    }
    return result
}

@Suite struct TimerScheduleDueTests {
    static let now = "2026-11-30T10:00:00Z"

    /// Source, text, due times when started at `now` and fired at each due time (at most five).
    static let cases: [(TimerSchedule.Source, String, [String])] = [
        (.date, "2026-12-24T18:00:00+01:00", ["2026-12-24T18:00:00+01:00"]),
        (.date, "2020-01-01T00:00:00Z", ["2020-01-01T00:00:00Z"]),
        (.date, "2026-12-24", ["2026-12-24T00:00:00"]),
        (.duration, "PT10M", ["2026-11-30T10:10:00Z"]),
        (.duration, "P1M", ["2026-12-30T10:00:00Z"]),
        (.duration, "-PT10M", ["2026-11-30T09:50:00Z"]),
        (.duration, "P0D", ["2026-11-30T10:00:00Z"]),
        (.cycle, "R5/PT10M", [
            "2026-11-30T10:10:00Z", "2026-11-30T10:20:00Z", "2026-11-30T10:30:00Z", "2026-11-30T10:40:00Z",
            "2026-11-30T10:50:00Z",
        ]),
        (.cycle, "R3/PT10H", ["2026-11-30T20:00:00Z", "2026-12-01T06:00:00Z", "2026-12-01T16:00:00Z"]),
        (.cycle, "R1/PT1H", ["2026-11-30T11:00:00Z"]),
        (.cycle, "R0/PT1H", []),
        (.cycle, "R/PT1H", [
            "2026-11-30T11:00:00Z", "2026-11-30T12:00:00Z", "2026-11-30T13:00:00Z", "2026-11-30T14:00:00Z",
            "2026-11-30T15:00:00Z",
        ]),
        (.cycle, "R/P1D", [
            "2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z", "2026-12-03T10:00:00Z", "2026-12-04T10:00:00Z",
            "2026-12-05T10:00:00Z",
        ]),
        // Start in the future: due at the start, then every period.
        (.cycle, "R3/2027-01-01T00:00:00Z/PT1H", [
            "2027-01-01T00:00:00Z", "2027-01-01T01:00:00Z", "2027-01-01T02:00:00Z",
        ]),
        // Start in the past: occurrences up to now are skipped and count against the repetitions.
        (.cycle, "R3/2026-11-30T08:30:00Z/PT1H", ["2026-11-30T10:30:00Z"]),
        (.cycle, "R3/2026-11-30T06:00:00Z/PT1H", []),
        (.cycle, "R/2026-01-01T00:00:00Z/P1D", [
            "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z", "2026-12-04T00:00:00Z",
            "2026-12-05T00:00:00Z",
        ]),
        (.cycle, "R/2026-11-30T10:00:00Z/PT30M", [
            "2026-11-30T10:30:00Z", "2026-11-30T11:00:00Z", "2026-11-30T11:30:00Z", "2026-11-30T12:00:00Z",
            "2026-11-30T12:30:00Z",
        ]),
        // Months are added one after the other, as Camunda does: Jan 31, Feb 28, Mar 28.
        (.cycle, "R4/2027-01-31T00:00:00Z/P1M", [
            "2027-01-31T00:00:00Z", "2027-02-28T00:00:00Z", "2027-03-28T00:00:00Z", "2027-04-28T00:00:00Z",
        ]),
        (.cycle, "R/2026-10-31T00:00:00Z/P1M", [
            "2026-12-30T00:00:00Z", "2027-01-30T00:00:00Z", "2027-02-28T00:00:00Z", "2027-03-28T00:00:00Z",
            "2027-04-28T00:00:00Z",
        ]),
        (.cycle, "R2/2026-12-01T00:00:00+05:00/P1D", ["2026-12-01T00:00:00+05:00", "2026-12-02T00:00:00+05:00"]),
        // Period and end: the last occurrences before the end, counted back from it.
        (.cycle, "R2/PT1H/2026-12-01T00:00:00Z", ["2026-11-30T23:00:00Z", "2026-12-01T00:00:00Z"]),
        (.cycle, "R/PT6H/2026-12-01T00:00:00Z", [
            "2026-11-30T12:00:00Z", "2026-11-30T18:00:00Z", "2026-12-01T00:00:00Z",
        ]),
        (.cycle, "R2/PT1H/2026-11-30T09:00:00Z", []),
        (.cycle, "R3/P1M/2027-03-31T00:00:00Z", [
            "2027-01-28T00:00:00Z", "2027-02-28T00:00:00Z", "2027-03-31T00:00:00Z",
        ]),
        // Start and end: the period is end − start, and the end does not stop the repetitions (Camunda 7).
        (.cycle, "R3/2027-01-01T00:00:00Z/2027-01-01T06:00:00Z", [
            "2027-01-01T00:00:00Z", "2027-01-01T06:00:00Z", "2027-01-01T12:00:00Z",
        ]),
        // Cron.
        (.cycle, "0 0/5 * * * ?", [
            "2026-11-30T10:05:00Z", "2026-11-30T10:10:00Z", "2026-11-30T10:15:00Z", "2026-11-30T10:20:00Z",
            "2026-11-30T10:25:00Z",
        ]),
        (.cycle, "@daily", [
            "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z", "2026-12-04T00:00:00Z",
            "2026-12-05T00:00:00Z",
        ]),
        (.cycle, "0 0 0 1 1 ? 2027", ["2027-01-01T00:00:00Z"]),
        (.cycle, "  R2/PT1H\n", ["2026-11-30T11:00:00Z", "2026-11-30T12:00:00Z"]),
    ]

    @Test(arguments: cases)
    func firesAtTheseTimes(source: TimerSchedule.Source, text: String, expected: [String]) throws {
        let schedule = try TimerSchedule.parse(text, source: source).get()
        #expect(dueTimes(schedule, now: try instant(Self.now)) == expected)
    }

    @Test func nextDueStopsWhenTheRepetitionsAreUsedUp() throws {
        let schedule = try TimerSchedule.parse("R5/PT10M", source: .cycle).get()
        let due = try instant("2026-11-30T10:40:00Z")
        #expect(schedule.nextDue(after: due, firedCount: 4)?.iso8601 == "2026-11-30T10:50:00Z")
        #expect(schedule.nextDue(after: due, firedCount: 5) == nil)
    }

    @Test func singleShotsDoNotRepeat() throws {
        let now = try instant(Self.now)
        for (source, text) in [(TimerSchedule.Source.date, "2026-12-24T18:00:00Z"), (.duration, "PT1H")] {
            let schedule = try TimerSchedule.parse(text, source: source).get()
            #expect(!schedule.repeats)
            #expect(schedule.nextDue(after: now, firedCount: 1) == nil)
        }
        #expect(try TimerSchedule.parse("R/PT1H", source: .cycle).get().repeats)
        #expect(try !TimerSchedule.parse("R1/PT1H", source: .cycle).get().repeats)
    }

    @Test func parsesIntoTheExpectedCases() throws {
        let start = try instant("2026-01-01T00:00:00Z")
        let end = try instant("2026-02-01T00:00:00Z")
        let hour = ISODuration(milliseconds: 3_600_000)
        #expect(try TimerSchedule.parse("R3/2026-01-01T00:00:00Z/PT1H", source: .cycle).get()
            == .cycle(repetitions: 3, start: start, period: hour, end: nil))
        #expect(try TimerSchedule.parse("R/PT1H", source: .cycle).get()
            == .cycle(repetitions: nil, start: nil, period: hour, end: nil))
        #expect(try TimerSchedule.parse("R2/PT1H/2026-02-01T00:00:00Z", source: .cycle).get()
            == .cycle(repetitions: 2, start: nil, period: hour, end: end))
        let month = ISODuration(milliseconds: end.epochMilliseconds - start.epochMilliseconds)
        #expect(try TimerSchedule.parse("R2/2026-01-01T00:00:00Z/2026-02-01T00:00:00Z", source: .cycle).get()
            == .cycle(repetitions: 2, start: start, period: month, end: end))
    }
}

@Suite struct TimerScheduleErrorTests {
    @Test(arguments: [
        (TimerSchedule.Source.date, "", "empty timer text"),
        (.date, "2026-13-01T00:00:00Z", "timeDate is not an ISO 8601 date-time"),
        (.date, "PT1H", "timeDate is not an ISO 8601 date-time"),
        (.date, "2026-11-30T10:00:00Z[Europe/Berlin]", "timeDate is not an ISO 8601 date-time"),
        (.duration, "P", "timeDuration is not an ISO 8601 duration"),
        (.duration, "10 minutes", "timeDuration is not an ISO 8601 duration"),
        (.cycle, "PT1H", "timeCycle needs a repetition count before the period: R/PT1H"),
        (.cycle, "R", "a repeating interval is R[n]/period"),
        (.cycle, "R/", "'' is not an ISO 8601 duration"),
        (.cycle, "Rx/PT1H", "the repetition count after R must be a whole number"),
        (.cycle, "R-1/PT1H", "the repetition count after R must be a whole number"),
        (.cycle, "R3/PT0S", "the period of a repeating interval must be longer than zero"),
        (.cycle, "R3/-PT1H", "the period of a repeating interval must be longer than zero"),
        (.cycle, "R3/2026-01-01T00:00:00Z", "'2026-01-01T00:00:00Z' is not an ISO 8601 duration"),
        (.cycle, "R3/a/b/c", "a repeating interval is R[n]/period"),
        (.cycle, "R3/2026-01-02T00:00:00Z/2026-01-01T00:00:00Z", "the end of the repeating interval is not after"),
        (.cycle, "R3/2026-01-02/soon", "'soon' is neither an ISO 8601 duration nor a date-time"),
        (.cycle, "R3/PT1H/soon", "'soon' is not an ISO 8601 date-time (the end"),
        (.cycle, "R3/tomorrow/PT1H", "'tomorrow' is not an ISO 8601 date-time (the start"),
        (.cycle, "* * * * *", "5 cron fields look like Unix cron"),
        (.cycle, "0 0 25 * * ?", "cron hour field '25': 25 is outside 0-23"),
    ])
    func explainsWhatIsWrong(source: TimerSchedule.Source, text: String, message: String) {
        switch TimerSchedule.parse(text, source: source) {
        case .success:
            Issue.record("'\(text)' should not parse")
        case .failure(let error):
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.text == text)
            #expect(error.description == "\(error.message): '\(text)'")
        }
    }
}
