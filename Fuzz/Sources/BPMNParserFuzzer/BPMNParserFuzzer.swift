import BPMN

/// libFuzzer's entry point: feeds every input to the whole read path (`BPMNDocumentCheck`: libxml2 SAX →
/// `XMLFragment` → model → validation) and to the bare `XMLDocumentParser`. Any input may be rejected with
/// diagnostics, but none may crash, hang, leak or read out of bounds (AddressSanitizer watches).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let result = BPMNDocumentCheck().check(bytes)
    // Touch the output so nothing is optimised away, and check invariants that must hold for every input.
    if result.definitions == nil && result.diagnostics.isEmpty {
        fatalError("a document without a model must come with at least one diagnostic")
    }
    for diagnostic in result.diagnostics where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
        fatalError("diagnostic outside the document: \(diagnostic)")
    }
    do {
        let root = try XMLDocumentParser().parse(bytes)
        if root.location.line < 1 || root.location.column < 1 {
            fatalError("root element outside the document: \(root.location)")
        }
    } catch {
        if error.errors.isEmpty { fatalError("an XML failure without errors") }
    }
    return 0
}
