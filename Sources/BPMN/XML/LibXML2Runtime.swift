internal import CLibXML2
import Synchronization

/// One-time libxml2 set-up shared by every parse: initialise the library and install an external-entity loader
/// that refuses everything, so no document can make libxml2 open a file or a URL (defence in depth on top of
/// never passing `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`).
enum LibXML2Runtime {
    /// How many times libxml2 asked to load an external resource since start (always refused). Tests read it.
    static let refusedExternalLoads = Atomic<Int>(0)

    private static let initialized: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in
            LibXML2Runtime.refusedExternalLoads.add(1, ordering: .relaxed)
            return nil
        }
        return true
    }()

    /// Initialises libxml2 once; cheap after the first call.
    static func ensureInitialized() {
        _ = initialized
    }
}
