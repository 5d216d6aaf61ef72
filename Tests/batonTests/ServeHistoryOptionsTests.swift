import Testing

@testable import baton

/// `baton serve`'s history options are checked before anything starts (usage errors, exit 2).
@Suite struct ServeHistoryOptionsTests {
    @Test func badHistoryOptionsAreUsageErrors() async {
        for arguments in [
            ["--history-level", "audit"], ["--history-cleanup-batch-size", "0"], ["--history-cleanup-interval", "-1"],
        ] {
            let outcome = await CommandLineRunner.executeAsync(["serve"] + arguments, environment: [:])
            #expect(outcome.status == 2, "\(arguments): \(outcome.errorOutput)")
        }
        let level = await CommandLineRunner.executeAsync(["serve", "--history-level", "audit"], environment: [:])
        #expect(level.errorOutput.contains("--history-level must be full or reduced"), "\(level.errorOutput)")
    }
}
