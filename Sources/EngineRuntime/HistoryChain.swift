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
        let previous = head
        let hash = Self.hash(
            previous: previous,
            canonical: [
                instanceID, String(sequence), String(occurredAtMilliseconds), type, elementID,
                elementInstanceKey.map(String.init), actor, command, payloadJSON,
            ])
        head = hash
        return (previous, hash)
    }

    /// The hash of a row whose canonical fields, in the order of `history_event_canonical` (instance id, sequence,
    /// epoch milliseconds, type, element id, element instance key, actor, command, payload text), are `canonical`
    /// (nil: NULL), after the row whose hash is `previous`. The writer and the verifier (`AuditChain`) both use it.
    static func hash(previous: String?, canonical: [String?]) -> String {
        var text = previous ?? ""
        text += "\u{1E}"
        for (index, field) in canonical.enumerated() {
            if index > 0 { text += "\u{1F}" }
            text += field ?? "∅"
        }
        var hasher = Crypto.SHA256()
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return EngineStore.Hex.encode(Array(hasher.finalize()))
    }

    /// Appends one record of the JSON array the history INSERTs expand with `json_to_recordset`: `i` (the instance,
    /// when the statement writes several), `s`, `t` (when not fixed by the statement), `e`, `k`, `p` (the payload's
    /// JSON text, stored as written) and, for a hashed row, `ph` and `h`.
    static func appendRecord(
        to text: inout String, instanceID: String? = nil, sequence: Int, type: String?, elementID: String?,
        elementInstanceKey: Int?, payloadJSON: String, link: (previous: String?, hash: String)?
    ) {
        text += "{\"s\":"
        text += String(sequence)
        if let instanceID {
            text += ",\"i\":"
            Value.appendJSON(.string(instanceID), to: &text)
        }
        if let type {
            text += ",\"t\":"
            Value.appendJSON(.string(type), to: &text)
        }
        text += ",\"e\":"
        Value.appendJSON(elementID.map(Value.string) ?? .null, to: &text)
        text += ",\"k\":"
        text += elementInstanceKey.map(String.init) ?? "null"
        text += ",\"p\":"
        text += payloadJSON
        if let link {
            text += ",\"ph\":"
            text += link.previous.map { "\"\($0)\"" } ?? "null"
            text += ",\"h\":\""
            text += link.hash
            text += "\""
        }
        text += "}"
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
