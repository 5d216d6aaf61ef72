/// A JUEL text with embedded `${…}` / `#{…}` expressions; `\${` and `\#{` stand for the literal characters.
enum JuelTemplate {
    /// One piece of a composite template.
    enum Part: Sendable {
        case text(String)
        case expression(JuelNode)
    }

    /// Splits the text into literal parts and parsed expressions.
    static func parse(_ source: SourceText) throws(ExpressionSyntaxError) -> [Part] {
        let bytes = source.bytes
        var parts: [Part] = []
        var text: [UInt8] = []
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            let opensExpression = (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#"))
                && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "{")
            if byte == UInt8(ascii: "\\"), position + 2 < bytes.count,
                bytes[position + 1] == UInt8(ascii: "$") || bytes[position + 1] == UInt8(ascii: "#"),
                bytes[position + 2] == UInt8(ascii: "{")
            {
                text.append(contentsOf: bytes[(position + 1)...(position + 2)])
                position += 3
            } else if opensExpression {
                if !text.isEmpty {
                    parts.append(.text(String(decoding: text, as: UTF8.self)))
                    text.removeAll()
                }
                let (node, end) = try JuelParser.parseEmbedded(source, start: position + 2)
                parts.append(.expression(node))
                position = end
            } else {
                text.append(byte)
                position += 1
            }
        }
        if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
        return parts
    }
}
