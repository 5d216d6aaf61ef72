extension PostgresConfiguration {
    /// Parses `postgresql://user:password@host:port/database?option=value` (also `postgres://`; percent-encoding;
    /// `host=/path` for a unix socket directory).
    ///
    /// A host that starts with `/` (given percent-encoded in the authority, or as the `host` query option) is a
    /// unix-socket directory. Query options `port`, `user`, `password` and `dbname` override the URL's parts; all
    /// others become libpq `options`. A missing database defaults to the user, as in libpq; a missing host leaves
    /// both `host` and `socketDirectory` nil (libpq's default socket).
    /// - Parameter url: The connection URL.
    /// - Throws: `PostgresError` of kind `.configuration` naming what is wrong (the password is never quoted).
    public static func parse(url: String) throws(PostgresError) -> PostgresConfiguration {
        var rest = Substring(url)
        if rest.hasPrefix("postgresql://") {
            rest = rest.dropFirst("postgresql://".count)
        } else if rest.hasPrefix("postgres://") {
            rest = rest.dropFirst("postgres://".count)
        } else {
            throw configurationError("the URL must start with postgresql:// or postgres://")
        }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var configuration = PostgresConfiguration(host: nil, user: "postgres", database: "")
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                configuration.user = try percentDecoded(userInfo[..<colon], part: "user")
                configuration.password = try percentDecoded(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                configuration.user = try percentDecoded(userInfo, part: "user")
            }
        }
        try configuration.applyHostAndPort(rest)
        configuration.database = try percentDecoded(path, part: "database")
        try configuration.applyQuery(query)
        if configuration.database.isEmpty { configuration.database = configuration.user }
        return configuration
    }

    /// From `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE` (libpq's defaults for what is missing).
    ///
    /// `PGHOST` starting with `/` is a socket directory. `PGUSER` falls back to `USER`, then `postgres`;
    /// `PGDATABASE` to the user. `PGSSLMODE`, `PGAPPNAME` and `PGCONNECT_TIMEOUT` become options. An unreadable
    /// `PGPORT` falls back to 5432.
    /// - Parameter environment: The variables, e.g. `ProcessInfo.processInfo.environment` (passed in, never read).
    public static func fromEnvironment(_ environment: [String: String]) -> PostgresConfiguration {
        var configuration = PostgresConfiguration(host: nil)
        if let host = environment["PGHOST"], !host.isEmpty {
            if host.hasPrefix("/") { configuration.socketDirectory = host } else { configuration.host = host }
        }
        if let port = environment["PGPORT"].flatMap({ Int($0) }), (1...65535).contains(port) {
            configuration.port = port
        }
        configuration.user = environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        configuration.password = environment["PGPASSWORD"]
        configuration.database = environment["PGDATABASE"] ?? configuration.user
        let optionVariables = [
            "PGSSLMODE": "sslmode", "PGAPPNAME": "application_name", "PGCONNECT_TIMEOUT": "connect_timeout",
        ]
        for (variable, option) in optionVariables {
            if let value = environment[variable] { configuration.options[option] = value }
        }
        return configuration
    }

    private mutating func applyHostAndPort(_ authority: Substring) throws(PostgresError) {
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw Self.configurationError("unterminated IPv6 address in the URL")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        try setHost(Self.percentDecoded(hostPart, part: "host"))
        if let portPart { try setPort(String(portPart)) }
    }

    private mutating func applyQuery(_ query: Substring) throws(PostgresError) {
        for pair in query.split(separator: "&") where !pair.isEmpty {
            guard let equals = pair.firstIndex(of: "=") else {
                throw Self.configurationError("query option '\(pair)' has no value")
            }
            let key = try Self.percentDecoded(pair[..<equals], part: "option name")
            let value = try Self.percentDecoded(pair[pair.index(after: equals)...], part: "option \(key)")
            switch key {
            case "host": setHost(value)
            case "port": try setPort(value)
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            default: options[key] = value
            }
        }
    }

    private mutating func setHost(_ value: String) {
        if value.isEmpty { return }
        if value.hasPrefix("/") {
            socketDirectory = value
            host = nil
        } else {
            host = value
            socketDirectory = nil
        }
    }

    private mutating func setPort(_ value: String) throws(PostgresError) {
        guard let number = Int(value), (1...65535).contains(number) else {
            throw Self.configurationError("port '\(value)' is not a number from 1 to 65535")
        }
        port = number
    }

    static func configurationError(_ message: String) -> PostgresError {
        PostgresError(kind: .configuration, message: message, statement: nil)
    }

    /// Decodes `%XX` escapes (UTF-8); `part` names the URL part in the error (values are not quoted, they may be
    /// passwords).
    static func percentDecoded(_ text: Substring, part: String) throws(PostgresError) -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw configurationError("invalid percent-encoding in the URL's \(part)")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw configurationError("the URL's \(part) is not valid UTF-8 after percent-decoding")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
