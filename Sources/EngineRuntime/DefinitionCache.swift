import EngineCore
import Synchronization

/// Compiled definitions by definition id, shared by every command on this node. Rebuilt from the stored XML on a
/// miss (after a restart, or for a definition deployed by another node).
final class DefinitionCache: Sendable {
    private let entries = Mutex<[String: CachedDefinition]>([:])

    func get(_ id: String) -> CachedDefinition? { entries.withLock { $0[id] } }

    func put(_ definition: CachedDefinition) { entries.withLock { $0[definition.id] = definition } }
}

/// A definition ready to run.
struct CachedDefinition: Sendable {
    let id: String
    let key: String
    let version: Int
    let process: ExecutableProcess
}
