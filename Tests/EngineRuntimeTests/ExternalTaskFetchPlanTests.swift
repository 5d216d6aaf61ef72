import BatonTestSupport
import EngineRuntime
import PostgresClient
import Testing

/// The fetch's selecting statement is planned once per session, not on every fetch.
@Suite struct ExternalTaskFetchPlanTests {
    /// Left to itself, the server plans a prepared statement afresh for its first five runs and then keeps doing so
    /// whenever the generic plan looks dearer than the custom ones; for the fetch it always did (a custom plan knows
    /// `maxTasks`), and planning its CTEs cost as much server time as running them. The fetch asks for the generic
    /// plan: on a one-connection pool, every fetch after the first reuses the plan the first one built.
    @Test func everyFetchOfASessionUsesTheOnePlan() async throws {
        let h = try await ExternalTaskHarness.make(clock: false, connections: 1)
        for _ in 0..<8 { try await h.start() }
        var fetched = 0
        for round in 0..<8 { fetched += try await h.fetch("w\(round)", max: 1).count }
        #expect(fetched == 8)
        let plans = try await h.engine.pool.withConnection { connection in
            try connection.query(
                """
                SELECT generic_plans, custom_plans FROM pg_prepared_statements
                WHERE statement LIKE 'WITH locked AS MATERIALIZED%'
                """
            ).rows.map { row in
                (
                    generic: try row.decode("generic_plans", as: Int.self),
                    custom: try row.decode("custom_plans", as: Int.self)
                )
            }
        }
        #expect(plans.count == 1, "one prepared fetch statement on the pool's one connection")
        #expect(plans.first?.generic == 8, "every fetch ran the generic plan")
        #expect(plans.first?.custom == 0, "no fetch was planned for its own parameters")
    }
}
