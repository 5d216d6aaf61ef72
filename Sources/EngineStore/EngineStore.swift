import PostgresClient

/// The engine's storage layer: the embedded PostgreSQL manager and the migration runner. STUB (issue 4).
public enum EngineStore {}
