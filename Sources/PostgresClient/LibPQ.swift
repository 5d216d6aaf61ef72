internal import CLibPQ
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The Swift wrappers around libpq calls that read results and errors. Every pointer stays inside this target.
enum LibPQ {
    /// Opens a connection with `PQconnectdbParams` (blocking).
    static func connect(_ configuration: PostgresConfiguration) throws(PostgresError) -> OpaquePointer {
        let pairs = configuration.connectionParameters
        var keywords = pairs.map { strdupOrEmpty($0.keyword) }
        var values = pairs.map { strdupOrEmpty($0.value) }
        keywords.append(nil)
        values.append(nil)
        defer {
            for pointer in keywords + values { free(pointer) }
        }
        let constKeywords = keywords.map { $0.map { UnsafePointer($0) } }
        let constValues = values.map { $0.map { UnsafePointer($0) } }
        guard let handle = PQconnectdbParams(constKeywords, constValues, 0) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection", statement: nil)
        }
        if PQstatus(handle) != CONNECTION_OK {
            let message = connectionMessage(handle)
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: message, statement: nil)
        }
        return handle
    }

    /// Reads a finished result into rows, or throws what the server said.
    static func rows(_ result: OpaquePointer, connection: OpaquePointer, statement: String?) throws(PostgresError)
        -> PostgresRows
    {
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw error(result, connection: connection, statement: statement)
        }
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { column in
            PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?"
        }
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            let values = (0..<Int32(columnCount)).map { column -> String? in
                if PQgetisnull(result, row, column) != 0 { return nil }
                guard let value = PQgetvalue(result, row, column) else { return nil }
                let length = Int(PQgetlength(result, row, column))
                return value.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                    String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresRows(columns: columns, rows: rows, affected: affected)
    }

    /// The error a failed result carries: SQLSTATE, primary message and detail; `.connection` when the connection
    /// is gone, else `.server`.
    static func error(_ result: OpaquePointer?, connection: OpaquePointer, statement: String?) -> PostgresError {
        let kind: PostgresError.Kind = PQstatus(connection) == CONNECTION_OK ? .server : .connection
        guard let result else {
            return PostgresError(kind: .connection, message: connectionMessage(connection), statement: statement)
        }
        let sqlState = field(result, "C")
        let message = field(result, "M")
            ?? PQresultErrorMessage(result).map { trimmed(String(cString: $0)) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? connectionMessage(connection)
        return PostgresError(
            kind: kind, sqlState: sqlState, message: message, detail: field(result, "D"), statement: statement)
    }

    /// `PQerrorMessage` without the trailing newline.
    static func connectionMessage(_ connection: OpaquePointer) -> String {
        let text = PQerrorMessage(connection).map { trimmed(String(cString: $0)) } ?? ""
        return text.isEmpty ? "the connection failed" : text
    }

    private static func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        PQresultErrorField(result, Int32(code.value)).map { String(cString: $0) }
    }

    private static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }

    private static func strdupOrEmpty(_ text: String) -> UnsafeMutablePointer<CChar>? {
        strdup(text)
    }
}
