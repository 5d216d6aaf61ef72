/// Reads ISO 8601 durations for `ISODuration.parse`.
struct ISODurationScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// A designator with its rank (order of appearance) and length in milliseconds (0 for months and years).
    private struct Unit {
        let rank: Int
        let monthsPerUnit: Int64
        let millisecondsPerUnit: Int64
        let isDayBased: Bool
    }

    /// The whole text as a duration; nil when invalid or out of range.
    mutating func scanDuration() -> ISODuration? {
        var negative = false
        if expect(UInt8(ascii: "-")) {
            negative = true
        } else {
            _ = expect(UInt8(ascii: "+"))
        }
        guard expect(UInt8(ascii: "P")) else { return nil }
        var months: Int64 = 0
        var days: Int64 = 0
        var milliseconds: Int64 = 0
        var lastRank = -1
        var inTimePart = false
        var componentsInPart = 0
        var componentCount = 0
        var sawFraction = false
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "T") {
                guard !inTimePart else { return nil }
                inTimePart = true
                componentsInPart = 0
                position += 1
                continue
            }
            guard !sawFraction, let (whole, fraction) = number(), position < bytes.count,
                let unit = Self.unit(bytes[position], inTimePart: inTimePart), unit.rank > lastRank
            else { return nil }
            position += 1
            lastRank = unit.rank
            componentsInPart += 1
            componentCount += 1
            if let fraction {
                sawFraction = true
                guard unit.monthsPerUnit == 0 else { return nil }
                let (part, overflow) = Self.fractionMilliseconds(fraction, unit: unit.millisecondsPerUnit)
                guard !overflow else { return nil }
                guard let sum = Self.add(milliseconds, part) else { return nil }
                milliseconds = sum
            }
            if unit.monthsPerUnit != 0 {
                guard let product = Self.multiply(whole, unit.monthsPerUnit), let sum = Self.add(months, product)
                else { return nil }
                months = sum
            } else if unit.isDayBased {
                guard let product = Self.multiply(whole, unit.millisecondsPerUnit / CivilCalendar.millisecondsPerDay),
                    let sum = Self.add(days, product)
                else { return nil }
                days = sum
            } else {
                guard let product = Self.multiply(whole, unit.millisecondsPerUnit),
                    let sum = Self.add(milliseconds, product)
                else { return nil }
                milliseconds = sum
            }
        }
        guard componentCount > 0, !inTimePart || componentsInPart > 0 else { return nil }
        guard let monthsInt = Int(exactly: months), let daysInt = Int(exactly: days) else { return nil }
        let result = ISODuration(months: monthsInt, days: daysInt, milliseconds: milliseconds)
        return negative ? result.negated : result
    }

    private static func unit(_ byte: UInt8, inTimePart: Bool) -> Unit? {
        let day = CivilCalendar.millisecondsPerDay
        switch (byte, inTimePart) {
        case (UInt8(ascii: "Y"), false): return calendarUnit(rank: 0, months: 12)
        case (UInt8(ascii: "M"), false): return calendarUnit(rank: 1, months: 1)
        case (UInt8(ascii: "W"), false): return dayUnit(rank: 2, milliseconds: 7 * day)
        case (UInt8(ascii: "D"), false): return dayUnit(rank: 3, milliseconds: day)
        case (UInt8(ascii: "H"), true): return timeUnit(rank: 4, milliseconds: 3_600_000)
        case (UInt8(ascii: "M"), true): return timeUnit(rank: 5, milliseconds: 60_000)
        case (UInt8(ascii: "S"), true): return timeUnit(rank: 6, milliseconds: 1000)
        default: return nil
        }
    }

    private static func calendarUnit(rank: Int, months: Int64) -> Unit {
        Unit(rank: rank, monthsPerUnit: months, millisecondsPerUnit: 0, isDayBased: false)
    }

    private static func dayUnit(rank: Int, milliseconds: Int64) -> Unit {
        Unit(rank: rank, monthsPerUnit: 0, millisecondsPerUnit: milliseconds, isDayBased: true)
    }

    private static func timeUnit(rank: Int, milliseconds: Int64) -> Unit {
        Unit(rank: rank, monthsPerUnit: 0, millisecondsPerUnit: milliseconds, isDayBased: false)
    }

    private mutating func expect(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Digits, then optionally `.` or `,` and 1–9 fraction digits (returned as numerator and digit count).
    private mutating func number() -> (Int64, (numerator: Int64, digits: Int)?)? {
        var whole: Int64 = 0
        var count = 0
        while position < bytes.count, Self.isDigit(bytes[position]) {
            guard let next = Self.multiply(whole, 10).flatMap({ Self.add($0, Int64(bytes[position] - 48)) })
            else { return nil }
            whole = next
            count += 1
            position += 1
        }
        guard count > 0 else { return nil }
        guard position < bytes.count, bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: ",")
        else { return (whole, nil) }
        position += 1
        var numerator: Int64 = 0
        var digits = 0
        while position < bytes.count, Self.isDigit(bytes[position]) {
            numerator = numerator * 10 + Int64(bytes[position] - 48)
            digits += 1
            position += 1
            guard digits <= 9 else { return nil }
        }
        guard digits > 0 else { return nil }
        return (whole, (numerator, digits))
    }

    /// `numerator / 10^digits` of a unit, in whole milliseconds (truncated).
    private static func fractionMilliseconds(_ fraction: (numerator: Int64, digits: Int), unit: Int64)
        -> (Int64, Bool)
    {
        var scale: Int64 = 1
        for _ in 0..<fraction.digits { scale *= 10 }
        // unit ≤ 7 days = 604 800 000 ms and numerator < 10^9: the product stays below 2^63.
        let (product, overflow) = fraction.numerator.multipliedReportingOverflow(by: unit)
        return (product / scale, overflow)
    }

    private static func multiply(_ lhs: Int64, _ rhs: Int64) -> Int64? {
        let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        return overflow ? nil : product
    }

    private static func add(_ lhs: Int64, _ rhs: Int64) -> Int64? {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? nil : sum
    }
}
