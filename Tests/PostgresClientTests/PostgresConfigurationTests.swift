import PostgresClient
import Testing

@Suite struct PostgresConfigurationTests {
    struct URLCase: Sendable, CustomTestStringConvertible {
        var url: String
        var expected: PostgresConfiguration
        var testDescription: String { url }
    }

    static let urlCases: [URLCase] = [
        URLCase(url: "postgresql://alice:s3cret@db.example.com:6543/orders",
            expected: PostgresConfiguration(host: "db.example.com", port: 6543, user: "alice", password: "s3cret",
                database: "orders")),
        URLCase(url: "postgres://bob@localhost/baton",
            expected: PostgresConfiguration(host: "localhost", user: "bob", database: "baton")),
        URLCase(url: "postgresql://u%40x:p%3Aw%2Fd%25@h/d%20b",
            expected: PostgresConfiguration(host: "h", user: "u@x", password: "p:w/d%", database: "d b")),
        URLCase(url: "postgresql://carol@/engine?host=/var/run/postgresql&port=5433",
            expected: PostgresConfiguration(host: nil, socketDirectory: "/var/run/postgresql", port: 5433,
                user: "carol", database: "engine")),
        URLCase(url: "postgresql://%2Ftmp%2Fpg/app",
            expected: PostgresConfiguration(host: nil, socketDirectory: "/tmp/pg", user: "postgres", database: "app")),
        URLCase(url: "postgresql://[::1]:5500/x?sslmode=require&application_name=baton%20engine",
            expected: PostgresConfiguration(host: "::1", port: 5500, user: "postgres", database: "x",
                options: ["sslmode": "require", "application_name": "baton engine"])),
        URLCase(url: "postgresql://dave@host",
            expected: PostgresConfiguration(host: "host", user: "dave", database: "dave")),
        URLCase(url: "postgresql:///?user=erin&dbname=z&password=pw",
            expected: PostgresConfiguration(host: nil, user: "erin", password: "pw", database: "z")),
    ]

    @Test(arguments: urlCases) func parsesURL(_ testCase: URLCase) throws {
        #expect(try PostgresConfiguration.parse(url: testCase.url) == testCase.expected)
    }

    @Test(arguments: [
        ("mysql://h/db", "postgresql://"),
        ("postgresql://h:notaport/db", "port"),
        ("postgresql://h:70000/db", "port"),
        ("postgresql://u:bad%zzpass@h/db", "password"),
        ("postgresql://h/db?novalue", "novalue"),
    ])
    func rejectsBadURL(url: String, mentioned: String) {
        #expect {
            try PostgresConfiguration.parse(url: url)
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .configuration && error.message.contains(mentioned)
                && !error.message.contains("bad%zz")
        }
    }

    @Test func readsEnvironmentWithHostName() {
        let configuration = PostgresConfiguration.fromEnvironment([
            "PGHOST": "db", "PGPORT": "6000", "PGUSER": "u", "PGPASSWORD": "p", "PGDATABASE": "d",
            "PGAPPNAME": "baton", "PGSSLMODE": "disable",
        ])
        #expect(configuration == PostgresConfiguration(host: "db", port: 6000, user: "u", password: "p",
            database: "d", options: ["application_name": "baton", "sslmode": "disable"]))
    }

    @Test func readsEnvironmentWithSocketDirectoryAndDefaults() {
        let configuration = PostgresConfiguration.fromEnvironment(["PGHOST": "/run/pg", "USER": "frank",
            "PGPORT": "x"])
        #expect(configuration == PostgresConfiguration(host: nil, socketDirectory: "/run/pg", port: 5432,
            user: "frank", database: "frank"))
    }

    @Test func emptyEnvironmentLeavesHostToLibpq() {
        let configuration = PostgresConfiguration.fromEnvironment([:])
        #expect(configuration.host == nil && configuration.socketDirectory == nil)
        #expect(configuration.user == "postgres" && configuration.database == "postgres")
    }
}
