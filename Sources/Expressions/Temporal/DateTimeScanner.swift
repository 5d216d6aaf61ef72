/// Reads the ISO 8601 extended date-time format for `DateTime.parse`, byte by byte.
struct DateTimeScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The whole text as a date-time; nil when anything is left over or out of range.
    mutating func scanDateTime() -> DateTime? {
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
            let day = digits(2)
        else { return nil }
        if atEnd {
            return DateTime(year: year, month: month, day: day)
        }
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: "t")), let hour = digits(2),
            expect(UInt8(ascii: ":")), let minute = digits(2)
        else { return nil }
        var second = 0
        var millisecond = 0
        if expect(UInt8(ascii: ":")) {
            guard let value = digits(2) else { return nil }
            second = value
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                guard let fraction = fractionMilliseconds() else { return nil }
                millisecond = fraction
            }
        }
        var offset: Int?
        if !atEnd {
            guard let parsed = offsetSeconds(), atEnd else { return nil }
            offset = parsed
        }
        return DateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond,
            offsetSeconds: offset)
    }

    private var atEnd: Bool { position == bytes.count }

    private mutating func expect(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func digits(_ count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    /// 1–9 fraction digits, truncated to milliseconds.
    private mutating func fractionMilliseconds() -> Int? {
        var value = 0
        var count = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            if count < 3 { value = value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
            count += 1
            position += 1
        }
        guard (1...9).contains(count) else { return nil }
        var scale = count
        while scale < 3 {
            value *= 10
            scale += 1
        }
        return value
    }

    /// `Z`, `±HH`, `±HHMM` or `±HH:MM`.
    private mutating func offsetSeconds() -> Int? {
        if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) { return 0 }
        let negative: Bool
        if expect(UInt8(ascii: "+")) {
            negative = false
        } else if expect(UInt8(ascii: "-")) {
            negative = true
        } else {
            return nil
        }
        guard let hours = digits(2) else { return nil }
        var minutes = 0
        if !atEnd {
            _ = expect(UInt8(ascii: ":"))
            guard let value = digits(2) else { return nil }
            minutes = value
        }
        guard minutes < 60 else { return nil }
        let total = hours * 3600 + minutes * 60
        guard total <= DateTime.maximumOffsetSeconds else { return nil }
        return negative ? -total : total
    }
}
