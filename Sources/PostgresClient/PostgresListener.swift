internal import CLibPQ
import Dispatch

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Receives `NOTIFY`s on its own dedicated connection (not from a pool), for early wake-ups.
///
/// A serial queue owns the connection: between `LISTEN` commands it waits on the socket with `poll()` (up to
/// 100 ms at a time), reads input and yields each notification to `notifications`. When the connection breaks, it
/// reconnects (`PQreset`) and listens again on every channel; notifications sent meanwhile are lost, so treat a
/// notification as a hint and re-check the database after waking. Keep the listener alive while you read the
/// stream, and call `close()` when done.
///
/// `@unchecked Sendable`: the connection, the channel set and the closed flag are touched only by work on `queue`.
public final class PostgresListener: @unchecked Sendable {
    /// Every notification on the channels listened to, in arrival order.
    public let notifications: AsyncStream<PostgresNotification>

    private let continuation: AsyncStream<PostgresNotification>.Continuation
    private let queue: DispatchQueue
    private let connection: PostgresConnection
    private var channels: Set<String> = []
    private var isClosed = false

    private init(connection: PostgresConnection, queue: DispatchQueue) {
        self.connection = connection
        self.queue = queue
        (notifications, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    deinit {
        continuation.finish()
    }

    /// Opens the listener's connection and starts reading.
    /// - Parameter configuration: Where to connect.
    /// - Throws: `PostgresError` of kind `.connection`.
    public static func connect(configuration: PostgresConfiguration) async throws -> PostgresListener {
        let queue = DispatchQueue(label: "baton.postgres.listener")
        let listener = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { () throws(PostgresError) -> PostgresListener in
                    PostgresListener(connection: try PostgresConnection.connect(configuration), queue: queue)
                })
            }
        }
        listener.queue.async { [weak listener] in listener?.pollOnce() }
        return listener
    }

    /// Starts listening on `channel` (`LISTEN "channel"`, quoted as an identifier).
    /// - Throws: `PostgresError` from the server.
    public func listen(_ channel: String) async throws {
        try await run { listener throws(PostgresError) in
            try listener.connection.execute("LISTEN " + Self.quotedIdentifier(channel))
            listener.channels.insert(channel)
            listener.drain()
        }
    }

    /// Stops listening on `channel`.
    /// - Throws: `PostgresError` from the server.
    public func unlisten(_ channel: String) async throws {
        try await run { listener throws(PostgresError) in
            try listener.connection.execute("UNLISTEN " + Self.quotedIdentifier(channel))
            listener.channels.remove(channel)
        }
    }

    /// Closes the connection and finishes `notifications`.
    public func close() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async {
                self.isClosed = true
                self.connection.close()
                self.continuation.finish()
                done.resume()
            }
        }
    }

    private func run(_ work: @escaping @Sendable (PostgresListener) throws(PostgresError) -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async {
                guard !self.isClosed else {
                    continuation.resume(throwing: PostgresError(
                        kind: .connection, message: "the listener is closed", statement: nil))
                    return
                }
                continuation.resume(with: Result { () throws(PostgresError) in try work(self) })
            }
        }
    }

    /// One turn of the read loop; schedules the next.
    private func pollOnce() {
        guard !isClosed, let handle = connection.handle else { return }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 100)
        if ready > 0 {
            if PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK {
                reconnect(handle)
            } else {
                drain()
            }
        }
        queue.async { [weak self] in self?.pollOnce() }
    }

    /// Yields every notification libpq has read.
    private func drain() {
        guard let handle = connection.handle else { return }
        while let notification = PQnotifies(handle) {
            let channel = String(cString: notification.pointee.relname)
            let payload = notification.pointee.extra.map { String(cString: $0) } ?? ""
            let sender = notification.pointee.be_pid
            PQfreemem(notification)
            continuation.yield(PostgresNotification(channel: channel, payload: payload, senderProcessID: sender))
        }
    }

    /// Resets a broken connection (pausing a second when that fails) and listens again.
    private func reconnect(_ handle: OpaquePointer) {
        PQreset(handle)
        connection.prepared.reset()
        guard PQstatus(handle) == CONNECTION_OK else {
            usleep(1_000_000)
            return
        }
        for channel in channels {
            _ = try? connection.execute("LISTEN " + Self.quotedIdentifier(channel))
        }
    }

    /// `"name"` with inner quotes doubled: channel names are identifiers, which cannot be bound as parameters.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}
