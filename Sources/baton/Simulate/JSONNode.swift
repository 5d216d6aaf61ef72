import Foundation

/// A JSON document decoded without losing the difference between booleans, integers and decimals (which
/// `JSONSerialization` blurs on Linux); `object` gives plain Swift values (`NSNull`, Bool, Int, Double, String,
/// arrays, dictionaries).
enum JSONNode: Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case decimal(Double)
    case string(String)
    case list([JSONNode])
    case map([String: JSONNode])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .decimal(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let list = try? container.decode([JSONNode].self) {
            self = .list(list)
        } else {
            self = .map(try container.decode([String: JSONNode].self))
        }
    }

    var object: Any {
        switch self {
        case .null: NSNull()
        case .bool(let flag): flag
        case .integer(let number): number
        case .decimal(let number): number
        case .string(let text): text
        case .list(let items): items.map(\.object)
        case .map(let entries): entries.mapValues(\.object)
        }
    }

    /// A short description of a decoding error, with the line when Foundation gives one.
    static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        }
        return "\(error)"
    }
}
