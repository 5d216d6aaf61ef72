/// A lexical token of a JUEL expression, with its byte offset in the full source text.
struct JuelToken {
    /// What the token is.
    enum Kind: Equatable {
        case integer(Int)
        case decimal(Double)
        case string(String)
        case identifier(String)
        /// A reserved word: `true false null and or not eq ne lt gt le ge div mod empty instanceof`.
        case keyword(String)
        /// Punctuation or an operator such as `==`, `&&`, `(`, `}`.
        case symbol(String)
        case end
    }

    /// What the token is.
    let kind: Kind
    /// Byte offset of its first character in the full source text.
    let offset: Int

    /// The token for messages: `'+'`, `identifier 'foo'`, `end of expression`.
    var description: String {
        switch kind {
        case .integer(let value): "number \(value)"
        case .decimal(let value): "number \(value)"
        case .string(let value): "string '\(value)'"
        case .identifier(let name): "identifier '\(name)'"
        case .keyword(let word): "'\(word)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "end of expression"
        }
    }

    /// Whether the token is the given symbol.
    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol(symbol)
    }

    /// Whether the token is the given reserved word.
    func isKeyword(_ word: String) -> Bool {
        kind == .keyword(word)
    }
}
