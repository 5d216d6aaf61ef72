import Foundation

/// One schema migration: the file `NNNN_name.sql`, its SQL and the SHA-256 of its bytes.
public struct Migration: Sendable, Hashable {
    /// The number before the underscore (`0001` → 1); migrations apply in this order.
    public let version: Int
    /// The part between the underscore and `.sql` (`initial`).
    public let name: String
    /// The file name (`0001_initial.sql`).
    public let fileName: String
    /// The SQL script.
    public let sql: String
    /// SHA-256 of the file's bytes, 64 lowercase hex digits.
    public let checksum: String

    /// Parses `fileName` (`NNNN_name.sql`, at least four digits) and checksums `contents`.
    public init(fileName: String, contents: [UInt8]) throws(MigrationError) {
        guard let version = Self.version(of: fileName) else {
            throw MigrationError(
                kind: .invalidFileName,
                message: "migration file '\(fileName)' is not named NNNN_name.sql (four or more digits, an "
                    + "underscore, a name of letters, digits and underscores)",
                fileName: fileName)
        }
        guard let sql = String(validating: contents, as: UTF8.self) else {
            throw MigrationError(kind: .unreadable, message: "migration '\(fileName)' is not UTF-8", fileName: fileName)
        }
        self.version = version.number
        self.name = version.name
        self.fileName = fileName
        self.sql = sql
        self.checksum = SHA256.hex(contents)
    }

    /// `(number, name)` of a well-formed file name.
    static func version(of fileName: String) -> (number: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count >= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits),
            !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { return nil }
        return (number, String(name))
    }

    /// The migrations shipped inside the EngineStore module (copies of `db/migrations/`), in version order.
    public static func bundled() throws(MigrationError) -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw MigrationError(
                kind: .unreadable,
                message: "the migrations are missing from the EngineStore resource bundle (Migrations/)")
        }
        return try load(directory: directory.path)
    }

    /// Every `*.sql` file in `directory`, in version order (other files are ignored); refuses badly named files and
    /// two files with one version.
    public static func load(directory: String) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError(kind: .unreadable, message: "cannot read the migrations directory \(directory)")
        }
        var migrations: [Migration] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw MigrationError(kind: .unreadable, message: "cannot read migration \(directory)/\(name)",
                                     fileName: name)
            }
            migrations.append(try Migration(fileName: name, contents: Array(data)))
        }
        migrations.sort { $0.version < $1.version }
        for (earlier, later) in zip(migrations, migrations.dropFirst()) where earlier.version == later.version {
            throw MigrationError(
                kind: .invalidFileName,
                message: "migrations '\(earlier.fileName)' and '\(later.fileName)' have the same version "
                    + "\(earlier.version); renumber the one that is not applied yet",
                fileName: later.fileName)
        }
        return migrations
    }
}
