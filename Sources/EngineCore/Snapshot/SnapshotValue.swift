import Expressions

/// How values are written inside snapshots and history payloads: plain JSON, except that date-times, durations
/// and the rare map that could be mistaken for them are tagged, so every value reads back exactly as it was.
///
/// `{"$date": "…"}` is a date-time, `{"$duration": "…"}` a duration, and a map with a single key starting with `$`
/// is wrapped as `{"$map": {…}}`.
enum SnapshotValue {
    static func encode(_ value: Value) -> Value {
        switch value {
        case .null, .bool, .integer, .decimal, .string: return value
        case .dateTime(let date): return .map(["$date": .string(date.iso8601)])
        case .duration(let duration): return .map(["$duration": .string(duration.iso8601)])
        case .list(let items): return .list(items.map(encode))
        case .map(let entries):
            let encoded = entries.mapValues(encode)
            if entries.count == 1, let key = entries.keys.first, key.hasPrefix("$") { return .map(["$map": .map(encoded)]) }
            return .map(encoded)
        }
    }

    static func decode(_ value: Value) throws(SnapshotError) -> Value {
        switch value {
        case .null, .bool, .integer, .decimal, .string, .dateTime, .duration: return value
        case .list(let items):
            var result: [Value] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try decode(item)) }
            return .list(result)
        case .map(let entries):
            if entries.count == 1, let (key, inner) = entries.first {
                switch (key, inner) {
                case ("$date", .string(let text)):
                    guard let date = DateTime.parse(text) else { throw SnapshotError("invalid date-time '\(text)'") }
                    return .dateTime(date)
                case ("$duration", .string(let text)):
                    guard let duration = ISODuration.parse(text) else {
                        throw SnapshotError("invalid duration '\(text)'")
                    }
                    return .duration(duration)
                case ("$map", .map(let wrapped)):
                    var result: [String: Value] = [:]
                    for (name, item) in wrapped { result[name] = try decode(item) }
                    return .map(result)
                default:
                    break
                }
            }
            var result: [String: Value] = [:]
            for (name, item) in entries { result[name] = try decode(item) }
            return .map(result)
        }
    }
}

/// A stored snapshot that cannot be read back (corrupt or from an incompatible version).
public struct SnapshotError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { "invalid instance snapshot: \(message)" }
}

/// The stored JSON form of values (variables, history payloads), for the runtime: tagged date-times and durations
/// so that every value reads back exactly.
public enum SnapshotCodec {
    /// A value as stored JSON text.
    public static func json(_ value: Value) -> String { SnapshotValue.encode(value).jsonText }

    /// A value from stored JSON text.
    public static func value(json text: String) throws(SnapshotError) -> Value {
        guard let value = Value(jsonText: text) else { throw SnapshotError("not JSON: \(text.prefix(40))") }
        return try SnapshotValue.decode(value)
    }
}
