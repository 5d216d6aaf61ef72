import EngineStore
import Testing

@Test func storeModuleLinks() { _ = EngineStore.self }
