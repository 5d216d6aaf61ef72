import EngineRuntime
import Hummingbird

/// The Camunda-7-compatible REST server over an `Engine` (filled in by the REST issue).
public struct BatonServer: Sendable {
    /// The engine the routes drive.
    public let engine: Engine

    /// Creates a server for an engine.
    public init(engine: Engine) { self.engine = engine }
}
