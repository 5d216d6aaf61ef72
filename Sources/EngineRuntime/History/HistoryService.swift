import Expressions
import PostgresClient

/// Reads the history of process instances in Camunda 7's shapes (`/history/…`), derived from the append-only
/// `history_events` and the instance rows. See docs/history.md for what each entity is built from and what is not
/// recorded yet.
public struct HistoryService: Sendable {
    let engine: Engine

    /// Runs a list query: filters, sorting and paging all happen in PostgreSQL.
    func list<Query: HistoryQueryPlan>(_ query: Query, page: HistoryPage) async throws -> [Query.Row] {
        let engine = self.engine
        return try await run { connection in
            let prepared = try query.prepare(engine, on: connection)
            let tail = try prepared.filter.tail(order: prepared.order, tieBreaker: prepared.tieBreaker, page: page)
            let sql = "SELECT x.* FROM (\(prepared.base)) x \(prepared.filter.whereClause) \(tail)"
            return try connection.query(sql, prepared.filter.parameters).rows.map { try Query.decode($0) }
        }
    }

    /// Runs a count query with the same filters as `list`.
    func count<Query: HistoryQueryPlan>(_ query: Query) async throws -> Int {
        let engine = self.engine
        return try await run { connection in
            let prepared = try query.prepare(engine, on: connection)
            let sql = "SELECT count(*) AS n FROM (\(prepared.base)) x \(prepared.filter.whereClause)"
            return try connection.query(sql, prepared.filter.parameters).rows.first?.decode("n") ?? 0
        }
    }

    /// Runs `body` in a read-only transaction on a pooled connection, with JIT compilation off: the history
    /// queries' cost estimates make PostgreSQL compile them, which takes far longer (a second or more) than running
    /// them. Database failures become `EngineError.storage`.
    func run<T: Sendable>(_ body: @Sendable @escaping (PostgresConnection) throws -> T) async throws -> T {
        do {
            return try await engine.pool.withTransaction { connection in
                try connection.execute("SET TRANSACTION READ ONLY")
                try connection.execute("SET LOCAL jit = off")
                return try body(connection)
            }
        } catch let error as PostgresError {
            throw EngineError.storage(error)
        }
    }
}

extension Engine {
    /// The history of this engine's process instances.
    public var history: HistoryService { HistoryService(engine: self) }
}

/// A history query ready to run: a derived table `x`, conditions on its columns, and the order.
struct PreparedHistoryQuery {
    /// The SELECT whose result is the derived table `x`.
    var base: String
    /// The conditions on `x` and every bound parameter (the base's too).
    var filter: HistoryFilterBuilder
    /// Sort columns of `x`.
    var order: [(column: String, ascending: Bool)]
    /// Columns that make the order total (stable paging).
    var tieBreaker: String
}

/// A typed history query that can be turned into SQL.
protocol HistoryQueryPlan: Sendable {
    associatedtype Row: Sendable
    func prepare(_ engine: Engine, on connection: PostgresConnection) throws -> PreparedHistoryQuery
    static func decode(_ row: PostgresRow) throws -> Row
}

/// How ids of historic entities that have no row of their own are formed (and read back).
public enum HistoryIDs {
    /// An activity instance: `<activityId>:<processInstanceId>:<elementInstanceKey>` (Camunda: `<activityId>:<uuid>`).
    public static func activityInstance(activityID: String, processInstanceID: String, key: Int) -> String {
        "\(activityID):\(processInstanceID):\(key)"
    }

    /// The process instance and element instance key of an activity instance id, nil when it has another form.
    public static func parseActivityInstance(_ id: String) -> (processInstanceID: String, key: Int)? {
        let parts = id.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let key = Int(parts[parts.count - 1]),
            let instance = canonicalUUID(String(parts[parts.count - 2]))
        else { return nil }
        return (instance, key)
    }

    /// An entity made from one history event (variable instance, detail, log entry):
    /// `<processInstanceId>:<sequence>`.
    public static func event(processInstanceID: String, sequence: Int) -> String { "\(processInstanceID):\(sequence)" }

    /// The process instance and sequence of an event id, nil when it has another form.
    public static func parseEvent(_ id: String) -> (processInstanceID: String, sequence: Int)? {
        let parts = id.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = Int(parts[1]), let instance = canonicalUUID(String(parts[0])) else {
            return nil
        }
        return (instance, sequence)
    }

    /// A UUID in PostgreSQL's lower-case form, nil when the text is no UUID.
    static func canonicalUUID(_ text: String) -> String? {
        let lower = text.lowercased()
        let groups = lower.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        guard groups == [8, 4, 4, 4, 12], lower.allSatisfy({ $0 == "-" || $0.isHexDigit }) else { return nil }
        return lower
    }
}
