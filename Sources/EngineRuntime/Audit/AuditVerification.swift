/// The result of re-walking one instance's history chain.
public struct AuditVerification: Sendable, Hashable {
    /// The first link that does not hold.
    public struct BrokenLink: Sendable, Hashable {
        /// The event number (`sequence`) where the chain breaks.
        public var sequence: Int64
        /// The hash recomputed from the stored event and its predecessor.
        public var expectedHash: String
        /// The hash stored with the event.
        public var foundHash: String
        /// What is wrong, for people.
        public var reason: String
    }

    /// The instance.
    public var instanceID: String
    /// How many events the chain has.
    public var events: Int
    /// The stored hash of the last event (nil when there are none).
    public var headHash: String?
    /// The first broken link, nil when the chain holds.
    public var firstBroken: BrokenLink?
    /// The instance's tombstone and whether it verifies, when its history was removed (history cleanup or an
    /// operator's delete); `events` and `headHash` are then the tombstone's: the chain as it was when removed.
    public var tombstone: TombstoneCheck?

    /// Whether every link holds, and a tombstone, if any, explains the removal.
    public var isValid: Bool { firstBroken == nil && tombstone?.isValid ?? true }
}
