import PostgresClient

/// Wakes long-polling fetch-and-lock calls when tasks may have become available: a `NOTIFY` on
/// `baton_external_task` (sent by the operations that make tasks fetchable, from any engine on the database) or a
/// signal from this process. One listener connection per database while anyone waits; notifications are hints,
/// so waiters also query again every `pollInterval`.
actor ExternalTaskWakeups {
    /// The process-wide instance.
    static let shared = ExternalTaskWakeups()
    /// The NOTIFY channel.
    static let channel = "baton_external_task"
    /// How often a waiting fetch queries again without a wake-up (tasks created by other commands, locks and retry
    /// timeouts that expire).
    static let pollInterval: Duration = .milliseconds(200)

    private struct Entry {
        var users = 0
        var generation = 0
        var listener: PostgresListener?
        var reader: Task<Void, Never>?
    }

    private var entries: [PostgresConfiguration: Entry] = [:]

    /// Sends the wake-up NOTIFY inside a transaction (delivered at commit).
    static func notify(on connection: PostgresConnection) throws {
        try connection.notify(channel: channel, payload: "")
    }

    /// Registers a waiter on a database; starts its listener when it is the first.
    func acquire(_ configuration: PostgresConfiguration) async {
        entries[configuration, default: Entry()].users += 1
        guard entries[configuration]?.users == 1, entries[configuration]?.listener == nil else { return }
        do {
            let listener = try await PostgresListener.connect(configuration: configuration)
            try await listener.listen(Self.channel)
            guard let entry = entries[configuration], entry.users > 0, entry.listener == nil else {
                await listener.close()
                return
            }
            entries[configuration]?.listener = listener
            entries[configuration]?.reader = Task { [weak self] in
                for await _ in listener.notifications { await self?.signal(configuration) }
            }
        } catch {
            // No listener: waiters still poll every `pollInterval`.
        }
    }

    /// Unregisters a waiter; closes the listener when it was the last.
    func release(_ configuration: PostgresConfiguration) async {
        guard var entry = entries[configuration] else { return }
        entry.users -= 1
        guard entry.users <= 0 else {
            entries[configuration] = entry
            return
        }
        let listener = entry.listener
        entry.reader?.cancel()
        entry.listener = nil
        entry.reader = nil
        entry.users = 0
        entries[configuration] = entry
        await listener?.close()
    }

    /// Wakes every waiter on a database.
    func signal(_ configuration: PostgresConfiguration) {
        entries[configuration]?.generation += 1
    }

    /// A counter that changes with every wake-up.
    func generation(_ configuration: PostgresConfiguration) -> Int {
        entries[configuration]?.generation ?? 0
    }
}
