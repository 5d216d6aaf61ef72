/// A value bound to a `$n` parameter. Values are always sent separately from the SQL text, never spliced into it.
///
/// Each case is sent with a declared type so the server need not guess: `.text` as *unknown* (the server infers
/// it from context, so a `.text` can feed a `jsonb`, `timestamptz`, `uuid` or enum column, or an explicit cast such
/// as `$1::jsonb`), `.int` as `int8`, `.timestamptz` as `timestamptz`, `.double` as `float8`, `.bool` as `bool`,
/// `.bytes` as binary `bytea`, `.textArray` as `text[]` and `.intArray` as `int8[]`.
public enum PostgresValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// Text (also used for enums, JSON text with a `::jsonb` cast in the statement, timestamps written ISO 8601).
    case text(String)
    /// A 64-bit integer (sent in binary).
    case int(Int)
    /// An instant as `timestamptz`, in microseconds since 1970-01-01 00:00:00 UTC (sent in binary: the server parses
    /// no date text).
    case timestamptz(microsecondsSinceEpoch: Int64)
    /// A double.
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// Bytes (`bytea`).
    case bytes([UInt8])
    /// A text array (`text[]`), for `unnest($1::text[])` multi-row statements.
    case textArray([String?])
    /// An integer array (`int8[]`).
    case intArray([Int?])
}

/// Types that can be read from a result column.
public protocol PostgresDecodable {
    /// Decodes the column's text-format value (libpq text results); throws `PostgresError(kind: .decoding)` with
    /// the column name and the type in the message when the value does not fit.
    /// - Parameters:
    ///   - text: The value as PostgreSQL prints it.
    ///   - column: The column name, for the error.
    /// - Throws: `PostgresError` of kind `.decoding`.
    static func decode(text: String, column: String) throws(PostgresError) -> Self
}
