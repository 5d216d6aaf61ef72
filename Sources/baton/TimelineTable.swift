import EngineRuntime
import EngineServer
import Expressions

/// The `text` format of `baton audit timeline`: a table with one event per line, at most 120 columns wide. The fixed
/// columns are as wide as their widest value up to a cap (cut with `…` beyond it); the last column (changes, then
/// the reason after ` — `) takes the rest of the line and is cut with `…` when longer.
enum TimelineTable {
    /// The line width.
    static let width = 120

    /// The fixed columns: title, widest allowed, right-aligned.
    private static let columns: [(title: String, cap: Int, right: Bool)] = [
        ("SEQ", 7, true), ("TIME (UTC)", 23, false), ("ACTOR", 12, false), ("ELEMENT", 28, false),
        ("EVENT", 24, false),
    ]

    /// The table: a header line, then one line per entry.
    static func render(_ entries: [TimelineEntry]) -> String {
        let rows = entries.map { entry in
            (
                [
                    String(entry.sequence), time(entry.time), entry.actor ?? "-", element(entry.element),
                    entry.type,
                ], details(entry)
            )
        }
        let widths = columns.enumerated().map { index, column in
            min(column.cap, rows.reduce(column.title.count) { max($0, oneLine($1.0[index]).count) })
        }
        var lines = [line(columns.map(\.title), "CHANGES — WHY", widths)]
        for (fixed, last) in rows { lines.append(line(fixed, last, widths)) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `2026-11-30 08:10:00.000`.
    static func time(_ time: DateTime) -> String {
        String(CamundaDate.format(time).prefix(23)).replacing("T", with: " ")
    }

    /// `approve (userTask)`, or the id alone when the type is unknown.
    static func element(_ element: TimelineElement?) -> String {
        guard let element else { return "-" }
        return element.type.map { "\(element.id) (\($0))" } ?? element.id
    }

    /// The change summary and the reason: `approved: false → true; assignee: - → rita — error CRM_DOWN: …`.
    static func details(_ entry: TimelineEntry) -> String {
        let changes = entry.changes.map { change -> String in
            switch change {
            case .variable(let name, _, let old, let new):
                switch (old, new) {
                case (nil, let new?): return "\(name) = \(value(new))"
                case (let old?, nil): return "\(name) deleted (was \(value(old)))"
                default: return "\(name): \(value(old)) → \(value(new))"
                }
            case .assignee(let old, let new):
                return "assignee: \(old ?? "-") → \(new ?? "-")"
            }
        }
        var why: [String] = []
        if let reason = entry.reason {
            if reason.hasError {
                why.append(
                    "error" + (reason.errorCode.map { " \($0)" } ?? "") + (reason.errorMessage.map { ": \($0)" } ?? ""))
            }
            if let comment = reason.comment { why.append("comment: \(comment)") }
            if let annotation = reason.annotation { why.append("annotation: \(annotation)") }
        }
        let parts = [changes.joined(separator: "; "), why.joined(separator: "; ")].filter { !$0.isEmpty }
        return parts.joined(separator: " — ")
    }

    /// A value as compact JSON text (strings quoted), as the JSON export shows it.
    static func value(_ value: Value?) -> String {
        guard let value else { return "-" }
        return JSONWriter.string(TimelineExport.valueJSON(value))
    }

    private static func line(_ fixed: [String], _ last: String, _ widths: [Int]) -> String {
        var text = ""
        for ((column, width), field) in zip(zip(columns, widths), fixed) {
            let cut = fit(field, width)
            let pad = String(repeating: " ", count: width - cut.count)
            text += (column.right ? pad + cut : cut + pad) + " "
        }
        let rest = width - text.count
        return (text + fit(oneLine(last), rest)).trimmingTrailingSpaces()
    }

    /// The text cut to `width` characters, ending with `…` when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        let flat = oneLine(text)
        guard flat.count > width else { return flat }
        return String(flat.prefix(max(0, width - 1))) + "…"
    }

    /// Line breaks and tabs as spaces, so that one event stays on one line.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
