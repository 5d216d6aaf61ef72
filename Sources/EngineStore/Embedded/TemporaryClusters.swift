import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary clusters still running in this process, stopped (and deleted) when the process exits normally, so
/// a test process that forgets to stop its throwaway cluster does not leave a server behind.
enum TemporaryClusters {
    private static let running = Mutex<[ObjectIdentifier: EmbeddedPostgres]>([:])
    private static let installHandler: Void = {
        atexit { TemporaryClusters.stopAll() }
    }()

    /// Remembers a temporary cluster that started.
    static func add(_ cluster: EmbeddedPostgres) {
        _ = installHandler
        running.withLock { $0[ObjectIdentifier(cluster)] = cluster }
    }

    /// Forgets a cluster that stopped.
    static func remove(_ cluster: EmbeddedPostgres) {
        _ = running.withLock { $0.removeValue(forKey: ObjectIdentifier(cluster)) }
    }

    /// Stops every cluster still running.
    private static func stopAll() {
        let clusters = running.withLock { Array($0.values) }
        for cluster in clusters { try? cluster.stop() }
    }
}
