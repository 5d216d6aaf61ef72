import Crypto
import EngineStore
import Expressions
import PostgresClient

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
        // The UTF-8 bytes gathered once, in a buffer sized up front (no string growing field by field).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(canonical.reduce(72 + canonical.count) { $0 + ($1?.utf8.count ?? 3) })
        if let previous { bytes.append(contentsOf: previous.utf8) }
        bytes.append(0x1E)
        for (index, field) in canonical.enumerated() {
            if index > 0 { bytes.append(0x1F) }
            bytes.append(contentsOf: (field ?? "∅").utf8)
        }
        return EngineStore.Hex.encode(Array(Crypto.SHA256.hash(data: bytes)))
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

extension HistoryRows {
    private static let columns = """
        INSERT INTO history_events (process_instance_id, sequence, occurred_at, type, element_id,
            element_instance_key, payload, actor, command, previous_hash, hash)
        """
    // The element instance key goes as text (`?::int8`): a NULL and a number then have the same declared type, so
    // each row count has one prepared statement, not one per pattern of rows without a key.
    /// Rows of one instance (`$4`).
    private static let oneInstance = ValuesList(
        columns + " VALUES",
        columns: ["$4::uuid", "?", "$1::timestamptz", "?", "?", "?::int8", "?::json", "$2", "$3", "?", "?"], shared: 4)
    /// Rows that each name their instance (a fetch's, over several instances).
    private static let eachInstance = ValuesList(
        columns + " VALUES",
        columns: ["?::uuid", "?", "$1::timestamptz", "?", "?", "?::int8", "?::json", "$2", "$3", "?", "?"], shared: 3)

    /// The INSERT of these rows, all of instance `instanceID` (nil: each row's own, from `instanceIDs`): a `VALUES`
    /// list for up to `ValuesList.maximumRows` rows, one array per column over `unnest` beyond.
    func insert(instanceID: String?, occurredAt: DateTime, actor: String?, command: String) -> PostgresStatement {
        var parameters: [PostgresValue] = [SQLText.instant(occurredAt), SQLText.optional(actor), .text(command)]
        if let instanceID { parameters.append(.text(instanceID)) }
        guard sequences.count <= ValuesList.maximumRows else {
            let instance = instanceID == nil ? "r.i::uuid" : "$4::uuid"
            let first = parameters.count + 1
            let arrays = (first..<first + 8).map { "$\($0)" }
            return PostgresStatement(
                Self.columns + """

                    SELECT \(instance), r.s, $1::timestamptz, r.t, r.e, r.k, r.p::json, $2, $3, r.ph, r.h
                    FROM unnest(\(arrays[0])::text[], \(arrays[1])::int8[], \(arrays[2])::text[], \(arrays[3])::text[],
                        \(arrays[4])::int8[], \(arrays[5])::text[], \(arrays[6])::text[], \(arrays[7])::text[])
                        AS r(i, s, t, e, k, p, ph, h)
                    """,
                parameters + [
                    .textArray(instanceID == nil ? instanceIDs : []), .intArray(sequences),
                    .textArray(types), .textArray(elementIDs), .intArray(elementInstanceKeys), .textArray(payloads),
                    .textArray(previousHashes), .textArray(hashes),
                ])
        }
        parameters.reserveCapacity(parameters.count + 8 * sequences.count)
        for row in sequences.indices {
            if instanceID == nil {
                parameters.append(SQLText.optional(row < instanceIDs.count ? instanceIDs[row] : nil))
            }
            parameters += [
                SQLText.optional(sequences[row]), SQLText.optional(types[row]), SQLText.optional(elementIDs[row]),
                SQLText.optional(elementInstanceKeys[row].map { String($0) }), SQLText.optional(payloads[row]),
                SQLText.optional(previousHashes[row]), SQLText.optional(hashes[row]),
            ]
        }
        return PostgresStatement(
            (instanceID == nil ? Self.eachInstance : Self.oneInstance).sql(rows: sequences.count), parameters)
    }
}
