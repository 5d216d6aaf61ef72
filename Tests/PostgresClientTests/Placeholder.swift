import PostgresClient
import Testing

@Test func postgresErrorsKnowRetryableStates() {
    #expect(PostgresError(kind: .server, sqlState: "40001", message: "m", statement: nil).isRetryable)
}
