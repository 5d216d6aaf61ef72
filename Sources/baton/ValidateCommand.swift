import ArgumentParser
import BPMN
import Foundation

/// `baton validate FILE…`: parses and validates BPMN files and prints every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check BPMN 2.0 files and print every problem found.",
        discussion: """
            Prints FILE:LINE:COLUMN: error|warning: message [elementId] for each problem, then one summary line \
            per file. A directory stands for every .bpmn and .bpmn20.xml file inside it. Exit status: 0 when no \
            file has errors, 1 when any has, 2 for usage errors.
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "BPMN files (or directories of them) to check.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one BPMN file to validate") }
    }

    func run() throws {
        let result = execute()
        print(result.output, terminator: "")
        if result.status != 0 { throw ExitCode(result.status) }
    }

    /// Checks every file and renders the report; status 1 when any file has errors.
    func execute() -> (status: Int32, output: String) {
                let reports = files.flatMap { argument in
            let paths = Self.expand(argument)
            guard !paths.isEmpty else {
                let diagnostic = Diagnostic(
                    .error, .unreadableFile, "directory holds no .bpmn or .bpmn20.xml file", at: .start)
                return [FileReport(path: argument, result: BPMNCheckResult(definitions: nil, diagnostics: [diagnostic]))]
            }
            return paths.map { FileReport(path: $0, result: ModelCheck.check(contentsOfFile: $0)) }
        }
        let output: String
        switch format {
        case .text: output = reports.map(\.text).joined()
        case .json: output = JSONReport(files: reports).rendered() + "\n"
        }
        return (reports.contains { $0.result.hasErrors } ? 1 : 0, output)
    }

    /// A file stands for itself; a directory for the BPMN files inside it (possibly none).
    private static func expand(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let entries = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        return entries.filter { $0.hasSuffix(".bpmn") || $0.hasSuffix(".bpmn20.xml") }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }
}
