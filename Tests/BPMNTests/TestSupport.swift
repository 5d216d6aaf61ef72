import Foundation

/// Where test inputs live: the shared BPMN corpus beside the repository, and this target's fixtures.
enum TestPaths {
    /// The repository root (three levels above this file).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/bpmn-corpus` next to the repository.
    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/bpmn-corpus")

    /// A fixture file of this test target.
    static func fixture(_ relativePath: String) -> String {
        let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil)
            ?? repositoryRoot.appendingPathComponent("Tests/BPMNTests/Fixtures")
        return base.appendingPathComponent(relativePath).path
    }
}
