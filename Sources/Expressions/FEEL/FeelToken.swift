/// A lexical token of a FEEL expression, with its byte offset in the full source text.
struct FeelToken {
    /// What the token is.
    enum Kind: Equatable {
        case number(Value)
        case string(String)
        case name(String)
        /// A reserved word such as `and`, `if`, `satisfies`.
        case keyword(String)
        /// Punctuation or an operator such as `<=`, `..`, `**`, `(`.
        case symbol(String)
        case end
    }

    /// What the token is.
    let kind: Kind
    /// Byte offset of its first character in the full source text.
    let offset: Int

    /// The token for messages: `'+'`, `name 'foo'`, `end of expression`.
    var description: String {
        switch kind {
        case .number(let value): "number \(FeelValues.string(value))"
        case .string(let value): "string \"\(value)\""
        case .name(let name): "name '\(name)'"
        case .keyword(let word): "'\(word)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "end of expression"
        }
    }

    /// The word of a name or keyword token (for multi-word function names and context keys).
    var word: String? {
        switch kind {
        case .name(let name): name
        case .keyword(let word): word
        default: nil
        }
    }

    /// Whether the token is the given symbol.
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

    /// Whether the token is the given reserved word.
    func isKeyword(_ word: String) -> Bool { kind == .keyword(word) }
}
