/// FEEL date built-ins: `date and time`, `date`, `duration`, `years and months duration`. Date-times come from
/// `DateTime.parse`, durations from `ISODuration.parse`; a `date` is a date-time at midnight.
enum FeelTemporalFunctions {
    /// Calls a temporal built-in; null when the text does not parse or the arguments have the wrong types.
    static func call(_ builtin: FeelBuiltin, _ arguments: [Value]) -> Value {
        switch builtin {
        case .dateAndTime:
            switch arguments[0] {
            case .string(let text): return DateTime.parse(text).map(Value.dateTime) ?? .null
            case .dateTime: return arguments[0]
            default: return .null
            }
        case .date:
            if arguments.count == 3 {
                guard let year = FeelFunctions.integer(arguments[0]), let month = FeelFunctions.integer(arguments[1]),
                    let day = FeelFunctions.integer(arguments[2]), (1...12).contains(month), (1...31).contains(day),
                    (-9999...9999).contains(year)
                else { return .null }
                let days = CivilCalendar.days(year: Int64(year), month: month, day: day)
                guard CivilCalendar.date(fromDays: days) == (Int64(year), month, day) else { return .null }
                return .dateTime(DateTime(epochMilliseconds: days * CivilCalendar.millisecondsPerDay))
            }
            guard arguments.count == 1 else { return .null }
            switch arguments[0] {
            case .string(let text):
                return DateTime.parse(text).map { .dateTime(FeelDates.startOfDay($0)) } ?? .null
            case .dateTime(let dateTime): return .dateTime(FeelDates.startOfDay(dateTime))
            default: return .null
            }
        case .duration:
            guard case .string(let text) = arguments[0] else { return .null }
            return ISODuration.parse(text).map(Value.duration) ?? .null
        case .yearsAndMonthsDuration:
            guard case .dateTime(let from) = arguments[0], case .dateTime(let to) = arguments[1] else { return .null }
            let (fromDay, fromTime) = FeelDates.localDay(from)
            let (toDay, toTime) = FeelDates.localDay(to)
            let start = CivilCalendar.date(fromDays: fromDay)
            let end = CivilCalendar.date(fromDays: toDay)
            var months = Int(end.year - start.year) * 12 + (end.month - start.month)
            let endsEarlier = (end.day, toTime) < (start.day, fromTime)
            let endsLater = (end.day, toTime) > (start.day, fromTime)
            if months > 0, endsEarlier { months -= 1 }
            if months < 0, endsLater { months += 1 }
            return .duration(ISODuration(months: months))
        default:
            return .null
        }
    }
}
