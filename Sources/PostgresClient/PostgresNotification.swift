/// A `NOTIFY` received by a `PostgresListener`.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel.
    public var channel: String
    /// The payload (empty when none was sent).
    public var payload: String
    /// The process ID of the notifying server session.
    public var senderProcessID: Int32

    /// Creates a notification.
    public init(channel: String, payload: String, senderProcessID: Int32) {
        self.channel = channel
        self.payload = payload
        self.senderProcessID = senderProcessID
    }
}
