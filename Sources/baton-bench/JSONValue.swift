/// A JSON value whose objects keep their keys in the order given, so benchmark lines read the same every run.
enum JSONValue {
    case string(String)
    case int(Int)
    case double(Double)
    case object([(String, JSONValue)])

    /// The value as compact JSON text on one line (`", "` and `": "` separators).
    func rendered() -> String {
        switch self {
        case .string(let text):
            return Self.quoted(text)
        case .int(let number):
            return String(number)
        case .double(let number):
            guard number.isFinite else { return "null" }
            return String(number)
        case .object(let members):
            let body = members.map { "\(Self.quoted($0.0)): \($0.1.rendered())" }.joined(separator: ", ")
            return "{\(body)}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension Double {
    /// The number rounded to `places` decimal places (for figures that should not print 17 digits).
    func rounded(places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
