import BPMN
import Expressions

/// Turns a parsed and validated model into `ExecutableProcess`es, refusing with diagnostics what Baton cannot run
/// and every expression or timer that does not parse.
public struct ProcessCompiler: Sendable {
    /// Creates a compiler.
    public init() {}

    /// The outcome of compiling a document.
    public struct Output: Sendable {
        /// The processes that compiled without errors, by process id.
        public var processes: [ElementID: ExecutableProcess]
        /// Every problem found (errors refuse the process that has them).
        public var diagnostics: [Diagnostic]
    }

    /// Compiles every executable process of the document (every process when none is marked executable).
    public func compile(_ definitions: Definitions) -> Output {
        var output = Output(processes: [:], diagnostics: [])
        let marked = definitions.processes.filter { $0.isExecutable == true }
        let candidates = marked.isEmpty ? definitions.processes.filter { $0.isExecutable != false } : marked
        for process in candidates {
            var builder = GraphBuilder(definitions: definitions, process: process)
            let executable = builder.build()
            output.diagnostics += builder.diagnostics
            if !builder.diagnostics.contains(where: { $0.severity == .error }) {
                output.processes[process.id] = executable
            }
        }
        return output
    }

    /// Compiles one process by id; nil process id means the only (or first executable) process.
    public func compile(
        _ definitions: Definitions, processID: ElementID? = nil
    ) -> Result<ExecutableProcess, CompileFailure> {
        let output = compile(definitions)
        let errors = output.diagnostics.filter { $0.severity == .error }
        if let processID {
            if let process = output.processes[processID] { return .success(process) }
            if definitions.processes.contains(where: { $0.id == processID }) {
                return .failure(CompileFailure(diagnostics: errors))
            }
            let known = definitions.processes.map(\.id.rawValue).joined(separator: ", ")
            return .failure(
                CompileFailure(
                    diagnostics: [
                        Diagnostic(
                            .error, .danglingReference,
                            "the document has no process '\(processID.rawValue)' (it has: \(known))",
                            at: .start)
                    ]))
        }
        if !errors.isEmpty { return .failure(CompileFailure(diagnostics: errors)) }
        let ordered = definitions.processes.compactMap { output.processes[$0.id] }
        guard let first = ordered.first else {
            return .failure(
                CompileFailure(
                    diagnostics: [
                        Diagnostic(.error, .noExecutableProcess, "the document has no process that can run", at: .start)
                    ]))
        }
        return .success(first)
    }
}

/// Why a process could not be compiled: the error diagnostics.
public struct CompileFailure: Error, Sendable, CustomStringConvertible {
    /// The errors.
    public var diagnostics: [Diagnostic]
    /// One line per diagnostic.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
