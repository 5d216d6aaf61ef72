// STUB (issue 4): replaced by the PostgresClient helper's conformances at merge; delete this file then.
extension String: PostgresDecodable {
    public static func decode(text: String, column: String) throws(PostgresError) -> String { text }
}

extension Int: PostgresDecodable {
    public static func decode(text: String, column: String) throws(PostgresError) -> Int {
        guard let value = Int(text) else { throw PostgresError(kind: .decoding, message: column, statement: nil) }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(text: String, column: String) throws(PostgresError) -> Bool { text == "t" }
}

extension Array: PostgresDecodable where Element == UInt8 {
    public static func decode(text: String, column: String) throws(PostgresError) -> [UInt8] { Array(text.utf8) }
}
