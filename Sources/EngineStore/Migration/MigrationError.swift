import PostgresClient

/// A migration that cannot be loaded or applied, naming the file and what is wrong.
public struct MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category.
    public enum Kind: Sendable, Hashable {
        /// A file in the migrations directory is not named `NNNN_name.sql`, or two files share a version.
        case invalidFileName
        /// The migrations could not be read (missing directory or bundle, unreadable file, not UTF-8).
        case unreadable
        /// An applied migration's file was edited: its checksum differs from the one recorded when it was applied.
        case checksumMismatch
        /// A version recorded as applied has no file.
        case missingFile
        /// A migration's SQL failed; it was rolled back (see `underlying`).
        case migrationFailed
        /// Talking to the database failed outside a migration (connect, lock, reading `schema_migrations`).
        case database
    }

    /// The category.
    public var kind: Kind
    /// What went wrong, in a sentence naming the file.
    public var message: String
    /// The file concerned, if one is.
    public var fileName: String?
    /// The database error behind it, if any.
    public var underlying: PostgresError?

    /// Creates an error.
    public init(kind: Kind, message: String, fileName: String? = nil, underlying: PostgresError? = nil) {
        self.kind = kind
        self.message = message
        self.fileName = fileName
        self.underlying = underlying
    }

    /// The message, then the database error when there is one.
    public var description: String {
        guard let underlying else { return message }
        return message + ": " + underlying.description
    }
}
