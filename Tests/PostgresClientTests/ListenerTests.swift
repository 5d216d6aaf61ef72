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

extension ListenerTests {
    @Test func reconnectsAndListensAgainAfterItsSessionIsTerminated() async throws {
        let name = uniqueName("listener-reconnect")
        let listener = try await PostgresListener.connect(configuration: try TestCluster.configuration(
            applicationName: name))
        try await listener.listen("after_reset")
        let admin = try await makePool("listener-admin", maximumConnections: 1)
        let terminated = try await admin.withConnection { connection in
            try connection.query(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) AS c FROM pg_stat_activity"
                    + " WHERE application_name = $1", [.text(name)]
            ).first?.decode("c", as: Int.self)
        }
        #expect(terminated == 1)
        let received = try await withTimeout(seconds: 10) {
            try await withThrowingTaskGroup(of: PostgresNotification?.self) { group in
                group.addTask {
                    var iterator = listener.notifications.makeAsyncIterator()
                    return await iterator.next()
                }
                group.addTask {
                    while true {
                        try await admin.withConnection { try $0.notify(channel: "after_reset", payload: "back") }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        }
        #expect(received?.payload == "back")
        await listener.close()
    }
}
