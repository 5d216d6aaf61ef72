import Expressions

/// Camunda's REST date format `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (contract §1.2): three fractional digits and an RFC-822
/// offset without a colon. Baton writes UTC (`+0000`) and reads `+0200`, `+02:00` and `Z`.
public enum CamundaDate {
    /// `2025-10-06T14:34:42.000+0000`.
    public static func format(_ date: DateTime) -> String {
        let c = date.withOffset(0).utcComponents
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let millis = Int(((date.epochMilliseconds % 1000) + 1000) % 1000)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):"
            + "\(pad(c.second, 2)).\(pad(millis, 3))+0000"
    }

    /// A date as JSON, or `null`.
    public static func json(_ date: DateTime?) -> JSON { date.map { .string(format($0)) } ?? .null }

    /// Parses the Camunda format and ISO-8601 variants; a space where `+` was (an unescaped query string) is
    /// tolerated. Nil when the text is not a date.
    public static func parse(_ text: String) -> DateTime? {
        var text = text.trimmingCharacters(in: " ")
        // "2025-10-06T16:34:42.000 0200" (a raw '+' decoded as a space) → "+0200"
        if let space = text.lastIndex(of: " ") {
            text.replaceSubrange(space...space, with: "+")
        }
        // "+0200" → "+02:00"
        if text.count >= 5 {
            let tail = text.suffix(5)
            if let sign = tail.first, sign == "+" || sign == "-", tail.dropFirst().allSatisfy(\.isNumber),
                text.dropLast(5).contains("T")
            {
                text = String(text.dropLast(4)) + tail.dropFirst().prefix(2) + ":" + tail.suffix(2)
            }
        }
        if let date = DateTime.parse(text), date.offsetSeconds != nil { return date }
        if let date = DateTime.parse(text) { return date.withOffset(0) }
        return nil
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
