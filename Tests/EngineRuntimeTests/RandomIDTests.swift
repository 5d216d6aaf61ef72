import Foundation
import Testing

@testable import EngineRuntime

@Suite struct RandomIDTests {
    @Test func idsAreVersion4UUIDsInPostgresTextForm() throws {
        var seen = Set<String>()
        for _ in 0..<1_000 {
            let id = RandomID.uuid()
            let parsed = try #require(UUID(uuidString: id), "\(id) is not a UUID")
            #expect(parsed.uuidString.lowercased() == id)
            let bytes = Array(id.utf8)
            #expect(bytes[14] == UInt8(ascii: "4"), "version nibble of \(id)")
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19]))
            seen.insert(id)
        }
        #expect(seen.count == 1_000)
    }
}
