import EngineRuntime
import Expressions

/// The audit timeline's export formats (docs/audit.md), shared by `GET …/timeline` and `baton audit timeline`:
/// a JSON array, NDJSON (one entry object per line) and CSV (RFC 4180, nested parts flattened to columns).
public enum TimelineExport {
    /// A format and its content type.
    public enum Format: String, Sendable, CaseIterable {
        case json, ndjson, csv

        /// The HTTP content type.
        public var contentType: String {
            switch self {
            case .json: "application/json"
            case .ndjson: "application/x-ndjson"
            case .csv: "text/csv"
            }
        }
    }

    /// The entries in a format, as bytes.
    public static func render(_ entries: [TimelineEntry], as format: Format) -> [UInt8] {
        switch format {
        case .json: JSONWriter.bytes(.array(entries.map { json($0) }))
        case .ndjson: Array(ndjson(entries).utf8)
        case .csv: Array(csv(entries).utf8)
        }
    }

    /// One entry as the contract's JSON object (keys in the contract's order).
    public static func json(_ entry: TimelineEntry) -> JSON {
        let element: JSON =
            entry.element.map { element in
                .object([("id", .string(element.id)), ("name", .string(element.name)), ("type", .string(element.type))])
            } ?? .null
        return .object([
            ("sequence", .int(entry.sequence)), ("time", CamundaDate.json(entry.time)), ("type", .string(entry.type)),
            ("command", .string(entry.command)), ("actor", .string(entry.actor)), ("element", element),
            ("changes", .array(entry.changes.map { json($0) })), ("reason", entry.reason.map { json($0) } ?? .null),
            ("hash", .string(entry.hash)), ("previousHash", .string(entry.previousHash)),
        ])
    }

    /// One change as JSON.
    public static func json(_ change: TimelineChange) -> JSON {
        switch change {
        case .variable(let name, let scope, let old, let new):
            .object([
                ("kind", .string(change.kind)), ("name", .string(name)), ("scope", .string(scope)),
                ("old", valueJSON(old)), ("new", valueJSON(new)),
            ])
        case .assignee(let old, let new):
            .object([("kind", .string(change.kind)), ("old", .string(old)), ("new", .string(new))])
        }
    }

    /// A reason as JSON: only the known keys.
    public static func json(_ reason: TimelineReason) -> JSON {
        var pairs: [(String, JSON)] = []
        if let comment = reason.comment { pairs.append(("comment", .string(comment))) }
        if let annotation = reason.annotation { pairs.append(("annotation", .string(annotation))) }
        if reason.hasError {
            var error: [(String, JSON)] = []
            if let code = reason.errorCode { error.append(("code", .string(code))) }
            if let message = reason.errorMessage { error.append(("message", .string(message))) }
            pairs.append(("error", .object(error)))
        }
        return .object(pairs)
    }

    /// One JSON object per line, each line ending with a newline.
    public static func ndjson(_ entries: [TimelineEntry]) -> String {
        entries.map { JSONWriter.string(json($0)) + "\n" }.joined()
    }

    /// The CSV header columns.
    public static let csvColumns = [
        "sequence", "time", "type", "command", "actor", "elementId", "elementName", "elementType", "changes",
        "comment", "annotation", "errorCode", "errorMessage", "hash", "previousHash",
    ]

    /// CSV with a header row, CRLF line ends and RFC 4180 quoting; `changes` holds the JSON array of the changes.
    public static func csv(_ entries: [TimelineEntry]) -> String {
        var lines = [csvColumns.joined(separator: ",")]
        for entry in entries {
            let fields: [String?] = [
                String(entry.sequence), CamundaDate.format(entry.time), entry.type, entry.command, entry.actor,
                entry.element?.id, entry.element?.name, entry.element?.type,
                JSONWriter.string(.array(entry.changes.map { json($0) })), entry.reason?.comment, entry.reason?.annotation,
                entry.reason?.errorCode, entry.reason?.errorMessage, entry.hash, entry.previousHash,
            ]
            lines.append(fields.map { csvField($0 ?? "") }.joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// A variable value as plain JSON (`null` when absent; dates in the Camunda format). The value itself was
    /// decided on by EngineRuntime's timeline reader (`TimelineValues`, where masking applies).
    public static func valueJSON(_ value: Value?) -> JSON { value.map(VariableCodec.json) ?? .null }

    /// A CSV field, quoted when it holds a comma, quote, CR or LF (quotes doubled).
    static func csvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
