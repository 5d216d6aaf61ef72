/// A URL query string, decoded as HTML forms are (`%XX` escapes; `+` is a space, so a date's offset written with a
/// raw `+` arrives as a space and `CamundaDate` tolerates it). Repeated keys keep every value in order.
public struct QueryString: Sendable {
    /// The pairs in order.
    public let pairs: [(String, String)]

    /// Parses `a=1&b=2&a=3`.
    public init(_ query: String?) {
        guard let query, !query.isEmpty else {
            pairs = []
            return
        }
        pairs = query.split(separator: "&").compactMap { item in
            guard !item.isEmpty else { return nil }
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            return (key, value)
        }
    }

    /// Every value of `key`.
    public func all(_ key: String) -> [String] { pairs.filter { $0.0 == key }.map(\.1) }

    /// The first value of `key` (Camunda takes the first of repeated keys).
    public func first(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }

    /// The keys present.
    public var keys: Set<String> { Set(pairs.map(\.0)) }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
