import PostgresClient
import Testing

@Suite struct PostgresErrorFlagTests {
    @Test(arguments: [
        ("40001", true, false, false), ("40P01", true, true, false), ("23505", false, false, true),
        ("42P01", false, false, false),
    ])
    func classifiesSQLState(state: String, retryable: Bool, deadlock: Bool, unique: Bool) {
        let error = PostgresError(kind: .server, sqlState: state, message: "m", statement: nil)
        #expect(error.isRetryable == retryable)
        #expect(error.isDeadlock == deadlock)
        #expect(error.isUniqueViolation == unique)
    }

    @Test func describesStateMessageDetailAndStatement() {
        let error = PostgresError(kind: .server, sqlState: "23505", message: "duplicate key", detail: "Key (id)",
            statement: "INSERT INTO t VALUES ($1)")
        #expect(error.description == "23505 duplicate key (Key (id)) in: INSERT INTO t VALUES ($1)")
    }
}
