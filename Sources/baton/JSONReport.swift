import BPMN
import Foundation

/// The `--format json` report: `{"files": [{"path", "processes": [...], "diagnostics": [...]}]}`.
struct JSONReport {
    var files: [FileReport]

    func rendered() -> String {
        let object: [String: Any] = ["files": files.map(fileObject)]
        guard let data = try? JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "{\"files\": []}" }
        return String(decoding: data, as: UTF8.self)
    }

    private func fileObject(_ file: FileReport) -> [String: Any] {
        let processes = (file.result.definitions?.processes ?? []).map { process -> [String: Any] in
            [
                "id": process.id.rawValue,
                "name": process.name ?? NSNull(),
                "isExecutable": process.isExecutable ?? false,
                "flowNodes": process.elements.flowNodeCounts,
            ]
        }
        let diagnostics = file.result.diagnostics.map { diagnostic -> [String: Any] in
            [
                "severity": diagnostic.severity.rawValue,
                "rule": diagnostic.rule.rawValue,
                "line": diagnostic.location.line,
                "column": diagnostic.location.column,
                "message": diagnostic.message,
                "elementId": diagnostic.elementID.map { $0.rawValue as Any } ?? NSNull(),
            ]
        }
        return ["path": file.path, "processes": processes, "diagnostics": diagnostics]
    }
}
