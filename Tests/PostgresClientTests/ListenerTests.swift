import PostgresClient
import Testing

@Suite struct ListenerTests {
    @Test func deliversNotificationsWithPayloadAcrossConnections() async throws {
        let configuration = try TestCluster.configuration(applicationName: "listener")
        let listener = try await PostgresListener.connect(configuration: configuration)
        let channel = "Wake \"Jobs\""
        try await listener.listen(channel)
        let pool = try await makePool("notifier")
        try await pool.withConnection { try $0.notify(channel: "other", payload: "ignored") }
        try await pool.withTransaction { try $0.notify(channel: channel, payload: "job 7 'due'") }
        let received = try await withTimeout(seconds: 5) {
            var iterator = listener.notifications.makeAsyncIterator()
            return await iterator.next()
        }
        #expect(received?.channel == channel)
        #expect(received?.payload == "job 7 'due'")
        #expect(received?.senderProcessID != 0)
        await listener.close()
        await #expect(throws: PostgresError.self) { try await listener.listen("again") }
    }
}
