/// The civil fields of a `DateTime` in one UTC offset (proleptic Gregorian calendar).
public struct DateTimeComponents: Sendable, Hashable {
    /// The year (astronomical numbering: 0 is 1 BC).
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31.
    public var day: Int
    /// The hour, 0–23.
    public var hour: Int
    /// The minute, 0–59.
    public var minute: Int
    /// The second, 0–59.
    public var second: Int
    /// The millisecond, 0–999.
    public var millisecond: Int
    /// The ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int

    /// Creates components; no range checks (`DateTime.init?(year:month:day:…)` checks its fields).
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int, weekday: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.weekday = weekday
    }
}
