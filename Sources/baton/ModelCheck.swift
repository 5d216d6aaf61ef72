import BPMN
import EngineCore

/// Parse, validate and compile: every diagnostic a model can have before it runs.
enum ModelCheck {
    static func check(contentsOfFile path: String) -> BPMNCheckResult {
        let result = BPMNDocumentCheck().check(contentsOfFile: path)
        guard let definitions = result.definitions else { return result }
        let compiled = ProcessCompiler().compile(definitions)
        let known = Set(result.diagnostics)
        return BPMNCheckResult(
            definitions: definitions, diagnostics: result.diagnostics + compiled.diagnostics.filter { !known.contains($0) })
    }
}
