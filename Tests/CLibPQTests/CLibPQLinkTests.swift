import CLibPQ
import Testing

/// Proves the libpq system-library target resolves headers and links; the PostgreSQL client builds on it.
@Suite struct CLibPQLinkTests {
    @Test func linksAgainstLibpqVersion12OrNewer() {
        #expect(PQlibVersion() >= 120_000)
    }

    @Test func reportsBadConnectionStringWithoutConnecting() {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let options = PQconninfoParse("this is = not a conninfo ===", &errorMessage)
        #expect(options == nil)
        #expect(errorMessage != nil)
        if let errorMessage { PQfreemem(errorMessage) }
    }
}
