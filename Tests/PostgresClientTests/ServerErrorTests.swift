import PostgresClient
import Testing

@Suite struct ServerErrorTests {
    @Test func uniqueViolationCarriesStateMessageDetailAndStatementWithoutValues() async throws {
        let pool = try await makePool("errors-unique")
        let table = uniqueName("uniq")
        let insert = "INSERT INTO \(table) (id, secret) VALUES ($1, $2)"
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try connection.execute("CREATE TABLE \(table) (id int8 PRIMARY KEY, secret text)")
                try connection.execute(insert, [.int(4242), .text("hunter2")])
                try connection.execute(insert, [.int(4242), .text("hunter2")])
            }
        }
        #expect(error?.kind == .server)
        #expect(error?.sqlState == "23505")
        #expect(error?.isUniqueViolation == true)
        #expect(error?.isRetryable == false)
        #expect(error?.message.contains("duplicate key value violates unique constraint") == true)
        #expect(error?.detail?.contains("already exists") == true)
        #expect(error?.statement == insert)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func syntaxErrorNamesStatement() async throws {
        let pool = try await makePool("errors-syntax")
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { try $0.query("SELEC $1", [.text("value-not-shown")]) }
        }
        #expect(error?.sqlState == "42601")
        #expect(error?.statement == "SELEC $1")
        #expect(error?.description.contains("value-not-shown") == false)
    }

    @Test func writeSkewUnderSerializableIsASerializationFailure() async throws {
        let configuration = try TestCluster.configuration(applicationName: "errors-40001")
        let table = uniqueName("skew")
        let error: PostgresError? = try await PostgresPool(configuration: configuration).withConnection {
            _ -> PostgresError? in
            let first = try PostgresConnection.connect(configuration)
            let second = try PostgresConnection.connect(configuration)
            try first.execute("CREATE TABLE \(table) (k text)")
            try first.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
            try second.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
            _ = try first.query("SELECT count(*) FROM \(table) WHERE k = $1", [.text("a")])
            _ = try second.query("SELECT count(*) FROM \(table) WHERE k = $1", [.text("b")])
            try first.execute("INSERT INTO \(table) VALUES ($1)", [.text("b")])
            do {
                try second.execute("INSERT INTO \(table) VALUES ($1)", [.text("a")])
                try first.execute("COMMIT")
                try second.execute("COMMIT")
                return nil
            } catch {
                return error as? PostgresError
            }
        }
        #expect(error?.sqlState == "40001")
        #expect(error?.isSerializationFailure == true)
        #expect(error?.isRetryable == true)
    }
}
