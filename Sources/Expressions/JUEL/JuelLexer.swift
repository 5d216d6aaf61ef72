/// Splits JUEL text into tokens on demand, starting at a byte offset (just after `${`) of the full source.
struct JuelLexer {
    static let keywords: Set<String> = [
        "true", "false", "null", "and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "empty",
        "instanceof",
    ]
    private static let twoCharacterSymbols: Set<String> = ["==", "!=", "<=", ">=", "&&", "||"]

    let source: SourceText
    private(set) var position: Int

    init(source: SourceText, start: Int) {
        self.source = source
        position = start
    }

    /// The next token; `.end` at the end of the text.
    mutating func next() throws(ExpressionSyntaxError) -> JuelToken {
        let bytes = source.bytes
        while position < bytes.count, SourceText.isSpace(bytes[position]) { position += 1 }
        let start = position
        guard position < bytes.count else { return JuelToken(kind: .end, offset: start) }
        let byte = bytes[position]
        if SourceText.isDigit(byte)
            || (byte == UInt8(ascii: ".") && position + 1 < bytes.count && SourceText.isDigit(bytes[position + 1]))
        {
            return try number(start: start)
        }
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
            return try string(start: start, quote: byte)
        }
        if SourceText.isNameStart(byte) {
            while position < bytes.count, SourceText.isNamePart(bytes[position]) { position += 1 }
            let word = source.slice(start, position)
            let kind: JuelToken.Kind = JuelLexer.keywords.contains(word) ? .keyword(word) : .identifier(word)
            return JuelToken(kind: kind, offset: start)
        }
        if position + 1 < bytes.count {
            let pair = source.slice(position, position + 2)
            if JuelLexer.twoCharacterSymbols.contains(pair) {
                position += 2
                return JuelToken(kind: .symbol(pair), offset: start)
            }
        }
        let single = "+-*/%<>!?:.,[](){}"
        if byte < 0x80, single.utf8.contains(byte) {
            position += 1
            return JuelToken(kind: .symbol(String(UnicodeScalar(byte))), offset: start)
        }
        if byte == UInt8(ascii: "=") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|") {
            let character = String(UnicodeScalar(byte))
            throw source.error(
                "unexpected '\(character)' (did you mean '\(character)\(character)'?)", at: start)
        }
        throw source.error("unexpected character '\(source.slice(start, start + 1))'", at: start)
    }

    private mutating func number(start: Int) throws(ExpressionSyntaxError) -> JuelToken {
        let bytes = source.bytes
        var isDecimal = false
        while position < bytes.count, SourceText.isDigit(bytes[position]) { position += 1 }
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), SourceText.isDigit(bytes[position + 1])
        {
            isDecimal = true
            position += 1
            while position < bytes.count, SourceText.isDigit(bytes[position]) { position += 1 }
        } else if position < bytes.count, bytes[position] == UInt8(ascii: "."),
            position + 1 >= bytes.count || !SourceText.isNameStart(bytes[position + 1])
        {
            isDecimal = true
            position += 1
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            var look = position + 1
            if look < bytes.count, bytes[look] == UInt8(ascii: "+") || bytes[look] == UInt8(ascii: "-") { look += 1 }
            if look < bytes.count, SourceText.isDigit(bytes[look]) {
                isDecimal = true
                position = look
                while position < bytes.count, SourceText.isDigit(bytes[position]) { position += 1 }
            }
        }
        let text = source.slice(start, position)
        if !isDecimal, let integer = Int(text) {
            return JuelToken(kind: .integer(integer), offset: start)
        }
        guard let number = Double(text) else { throw source.error("invalid number '\(text)'", at: start) }
        return JuelToken(kind: .decimal(number), offset: start)
    }

    private mutating func string(start: Int, quote: UInt8) throws(ExpressionSyntaxError) -> JuelToken {
        let bytes = source.bytes
        position += 1
        var content: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return JuelToken(kind: .string(String(decoding: content, as: UTF8.self)), offset: start)
            }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
                let escaped = bytes[position + 1]
                if escaped == UInt8(ascii: "\\") || escaped == UInt8(ascii: "'") || escaped == UInt8(ascii: "\"") {
                    content.append(escaped)
                    position += 2
                    continue
                }
            }
            content.append(byte)
            position += 1
        }
        throw source.error("unterminated string: expected a closing \(String(UnicodeScalar(quote)))", at: start)
    }
}
