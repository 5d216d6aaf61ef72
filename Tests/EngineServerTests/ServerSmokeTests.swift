import BatonTestSupport
import EngineRuntime
import EngineServer
import Testing

@Suite struct ServerSmokeTests {
    @Test func serverWrapsAnEngine() async throws {
        let pool = try await TestDatabase.shared.freshPool()
        let server = BatonServer(engine: Engine(pool: pool))
        #expect(server.engine.maximumAttempts == 5)
        await pool.shutdown()
    }
}
