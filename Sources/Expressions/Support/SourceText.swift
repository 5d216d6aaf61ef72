/// The full text of an expression as UTF-8 bytes, with the conversion from byte offsets to the 1-based columns that
/// syntax errors report.
struct SourceText {
    /// The text as written.
    let text: String
    /// Its UTF-8 bytes.
    let bytes: [UInt8]

    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    /// The 1-based column (in characters) of a byte offset.
    func column(ofOffset offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        return String(decoding: bytes[0..<clamped], as: UTF8.self).count + 1
    }

    /// A syntax error at a byte offset.
    func error(_ message: String, at offset: Int) -> ExpressionSyntaxError {
        ExpressionSyntaxError(message: message, column: column(ofOffset: offset), source: text)
    }

    /// The text between two byte offsets.
    func slice(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Whether a byte can start a name (ASCII letter, `_`, `$`, or any non-ASCII byte).
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte == 0x24
            || byte >= 0x80
    }

    /// Whether a byte can continue a name.
    static func isNamePart(_ byte: UInt8) -> Bool {
        isNameStart(byte) || isDigit(byte)
    }

    /// Whether a byte is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// Whether a byte is ASCII white space.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
