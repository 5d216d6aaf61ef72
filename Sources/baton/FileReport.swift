import BPMN

/// The check of one file, rendered as text.
struct FileReport {
    var path: String
    var result: BPMNCheckResult

    /// Diagnostics, one per line, then the summary line.
    var text: String {
        var lines = result.diagnostics.map { $0.formatted(path: path) }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `PATH: ok|N errors, M warnings (P processes, F flow nodes)`.
    var summary: String {
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        var verdict = errors == 0 ? "ok" : plural(errors, "error")
        if warnings > 0 { verdict += ", " + plural(warnings, "warning") }
        guard let definitions = result.definitions else { return "\(path): \(verdict) (not readable as BPMN)" }
        let nodes = definitions.processes.reduce(0) { $0 + $1.elements.allFlowNodes.count }
        return "\(path): \(verdict) (\(plural(definitions.processes.count, "process")), "
            + "\(plural(nodes, "flow node")))"
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        if count == 1 { return "1 \(noun)" }
        return "\(count) \(noun.hasSuffix("s") ? noun + "es" : noun + "s")"
    }
}
