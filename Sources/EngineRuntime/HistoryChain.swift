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
}

/// History rows as one array per column, for a multi-row INSERT over `unnest` (arrays go in binary: nothing is quoted
/// or escaped, and the payloads' JSON text is stored exactly as written, which the hash chain relies on).
struct HistoryRows {
    var instanceIDs: [String?] = []
    var sequences: [Int?] = []
    var types: [String?] = []
    var elementIDs: [String?] = []
    var elementInstanceKeys: [Int?] = []
    var payloads: [String?] = []
    var previousHashes: [String?] = []
    var hashes: [String?] = []

    /// Appends a row; `link` is its place in the hash chain (nil: the trigger hashes it).
    mutating func append(
        instanceID: String? = nil, sequence: Int, type: String, elementID: String?, elementInstanceKey: Int?,
        payloadJSON: String, link: (previous: String?, hash: String)?
    ) {
        if let instanceID { instanceIDs.append(instanceID) }
        sequences.append(sequence)
        types.append(type)
        elementIDs.append(elementID)
        elementInstanceKeys.append(elementInstanceKey)
        payloads.append(payloadJSON)
        previousHashes.append(link?.previous)
        hashes.append(link?.hash)
    }
}
