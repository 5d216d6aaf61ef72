import Crypto
import EngineStore
import Expressions

/// The hash chain over one instance's history (migrations 0008 and 0011), computed by the engine for the rows it
/// writes: each row's hash is `hex(SHA-256(previous hash or "" ‖ U+001E ‖ canonical form))`, where the canonical
/// form joins the stored columns with U+001F and writes NULL as `∅` — exactly what the trigger
/// `history_events_chain` computes for rows inserted without a hash, and what `AuditChain` recomputes to verify.
struct HistoryChain {
    /// The instance id as PostgreSQL prints a `uuid` (lowercase, hyphenated): the canonical form uses that text.
    let instanceID: String
    /// The hash of the last row written so far (nil before the instance's first row).
    private(set) var head: String?

    /// A chain that continues after `head` (nil: the instance has no history yet).
    init(instanceID: String, head: String?) {
        self.instanceID = instanceID
        self.head = head
    }

    /// Hashes the next row and makes it the head; returns its previous hash and its hash.
    mutating func append(
        sequence: Int, occurredAtMilliseconds: Int64, type: String, elementID: String?, elementInstanceKey: Int?,
        actor: String?, command: String, payloadJSON: String
    ) -> (previous: String?, hash: String) {
        var text = head ?? ""
        text += "\u{1E}"
        text += instanceID
        func field(_ value: String?) {
            text += "\u{1F}"
            text += value ?? "∅"
        }
        field(String(sequence))
        field(String(occurredAtMilliseconds))
        field(type)
        field(elementID)
        field(elementInstanceKey.map(String.init))
        field(actor)
        field(command)
        field(payloadJSON)
        let previous = head
        var hasher = Crypto.SHA256()
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let hash = EngineStore.Hex.encode(Array(hasher.finalize()))
        head = hash
        return (previous, hash)
    }
}

extension Value {
    /// Whether the value is a JSON object or array: the only payloads whose text `json_to_recordset` passes on
    /// exactly as written (and so the only ones the engine hashes itself).
    var isJSONContainer: Bool {
        switch self {
        case .map, .list: true
        default: false
        }
    }
}
