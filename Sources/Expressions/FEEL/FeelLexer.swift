/// Splits FEEL text into tokens (all at once: the parser looks ahead to recognise multi-word function names).
enum FeelLexer {
    static let keywords: Set<String> = [
        "true", "false", "null", "and", "or", "not", "if", "then", "else", "for", "in", "return", "some", "every",
        "satisfies", "between", "instance", "of", "function",
    ]
    private static let twoCharacterSymbols: Set<String> = ["**", "..", "!=", "<=", ">="]
    private static let singleSymbols = Array("=<>+-*/()[]{},.:@?".utf8)

    /// The tokens of the text from byte offset `start`, ending with `.end`.
    static func tokenize(_ source: SourceText, start: Int) throws(ExpressionSyntaxError) -> [FeelToken] {
        let bytes = source.bytes
        var tokens: [FeelToken] = []
        var position = start
        while true {
            while position < bytes.count, SourceText.isSpace(bytes[position]) { position += 1 }
            if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "/") {
                if bytes[position + 1] == UInt8(ascii: "/") {
                    while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                    continue
                }
                if bytes[position + 1] == UInt8(ascii: "*") {
                    let open = position
                    position += 2
                    while position + 1 < bytes.count,
                        !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/"))
                    {
                        position += 1
                    }
                    guard position + 1 < bytes.count else {
                        throw source.error("unterminated comment: expected '*/'", at: open)
                    }
                    position += 2
                    continue
                }
            }
            let tokenStart = position
            guard position < bytes.count else {
                tokens.append(FeelToken(kind: .end, offset: position))
                return tokens
            }
            let byte = bytes[position]
            if SourceText.isDigit(byte) {
                while position < bytes.count, SourceText.isDigit(bytes[position]) { position += 1 }
                var isDecimal = false
                if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."),
                    SourceText.isDigit(bytes[position + 1])
                {
                    isDecimal = true
                    position += 1
                    while position < bytes.count, SourceText.isDigit(bytes[position]) { position += 1 }
                }
                let text = source.slice(tokenStart, position)
                let value: Value
                if !isDecimal, let integer = Int(text) {
                    value = .integer(integer)
                } else if let decimal = Double(text) {
                    value = .decimal(decimal)
                } else {
                    throw source.error("invalid number '\(text)'", at: tokenStart)
                }
                tokens.append(FeelToken(kind: .number(value), offset: tokenStart))
            } else if byte == UInt8(ascii: "\"") {
                let (text, end) = try string(source, start: tokenStart)
                position = end
                tokens.append(FeelToken(kind: .string(text), offset: tokenStart))
            } else if byte == UInt8(ascii: "`") {
                position += 1
                while position < bytes.count, bytes[position] != UInt8(ascii: "`") { position += 1 }
                guard position < bytes.count else {
                    throw source.error("unterminated name: expected a closing '`'", at: tokenStart)
                }
                position += 1
                tokens.append(FeelToken(kind: .name(source.slice(tokenStart + 1, position - 1)), offset: tokenStart))
            } else if SourceText.isNameStart(byte) {
                while position < bytes.count, SourceText.isNamePart(bytes[position]) || bytes[position] == 0x3F {
                    position += 1
                }
                let word = source.slice(tokenStart, position)
                let kind: FeelToken.Kind = keywords.contains(word) ? .keyword(word) : .name(word)
                tokens.append(FeelToken(kind: kind, offset: tokenStart))
            } else if position + 1 < bytes.count, twoCharacterSymbols.contains(source.slice(position, position + 2)) {
                tokens.append(FeelToken(kind: .symbol(source.slice(position, position + 2)), offset: tokenStart))
                position += 2
            } else if singleSymbols.contains(byte) {
                tokens.append(FeelToken(kind: .symbol(String(UnicodeScalar(byte))), offset: tokenStart))
                position += 1
            } else if byte == UInt8(ascii: "'") {
                throw source.error("unexpected \"'\": FEEL strings use double quotes", at: tokenStart)
            } else if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "!") {
                throw source.error(
                    "unexpected '\(source.slice(tokenStart, tokenStart + 1))': FEEL uses 'and', 'or' and 'not(…)'",
                    at: tokenStart)
            } else {
                throw source.error("unexpected character '\(source.slice(tokenStart, tokenStart + 1))'",
                    at: tokenStart)
            }
        }
    }

    private static func string(_ source: SourceText, start: Int) throws(ExpressionSyntaxError) -> (String, Int) {
        let bytes = source.bytes
        var position = start + 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll()
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                flush()
                return (String(scalars), position + 1)
            }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
                flush()
                let escaped = bytes[position + 1]
                position += 2
                switch escaped {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                        let code = UInt32(source.slice(position, position + 4), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw source.error("invalid \\u escape: expected 4 hex digits", at: position - 2) }
                    scalars.append(scalar)
                    position += 4
                default:
                    run.append(escaped)
                }
                continue
            }
            run.append(byte)
            position += 1
        }
        throw source.error("unterminated string: expected a closing \"", at: start)
    }
}
