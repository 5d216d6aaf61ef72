/// Day-level helpers for FEEL's date functions, on top of the Temporal `CivilCalendar`.
enum FeelDates {
    /// Local day number and milliseconds into that day (the instant shifted by the value's offset).
    static func localDay(_ dateTime: DateTime) -> (day: Int64, milliseconds: Int64) {
        let local = dateTime.epochMilliseconds + Int64(dateTime.offsetSeconds ?? 0) * 1000
        return (CivilCalendar.floorDivide(local, CivilCalendar.millisecondsPerDay),
            CivilCalendar.floorModulo(local, CivilCalendar.millisecondsPerDay))
    }

    /// Midnight (local to the value's offset) of the day the date-time falls on.
    static func startOfDay(_ dateTime: DateTime) -> DateTime {
        let (day, _) = localDay(dateTime)
        let offset = Int64(dateTime.offsetSeconds ?? 0) * 1000
        return DateTime(epochMilliseconds: day * CivilCalendar.millisecondsPerDay - offset,
            offsetSeconds: dateTime.offsetSeconds)
    }
}
