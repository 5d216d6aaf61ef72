import BPMN
import Foundation

/// What a process definition row records besides its key and version, read from the BPMN model at deployment:
/// the definitions' `targetNamespace` (Camunda's `category`), the process documentation (`description`) and the
/// Camunda attributes `versionTag`, `historyTimeToLive`, `isStartableInTasklist`, `candidateStarterGroups/Users`.
struct ProcessMetadata: Sendable, Hashable {
    var category: String?
    var description: String?
    var versionTag: String?
    var historyTimeToLiveDays: Int?
    var startableInTasklist: Bool
    var candidateStarterGroups: [String]
    var candidateStarterUsers: [String]

    init(process: BPMN.Process, definitions: Definitions) {
        let camunda = process.extensions.camunda
        category = definitions.targetNamespace
        let text = process.documentation.map(\.text).joined(separator: "\n")
        description = text.isEmpty ? nil : text
        versionTag = camunda?.versionTag
        historyTimeToLiveDays = camunda?.historyTimeToLive.flatMap(Self.days)
        startableInTasklist = camunda?.isStartableInTasklist ?? true
        candidateStarterGroups = camunda?.candidateStarterGroups ?? []
        candidateStarterUsers = camunda?.candidateStarterUsers ?? []
    }

    /// `180` or `P180D` → 180; anything else → nil.
    static func days(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let days = Int(trimmed), days >= 0 { return days }
        if trimmed.hasPrefix("P"), trimmed.hasSuffix("D"), let days = Int(trimmed.dropFirst().dropLast()), days >= 0 {
            return days
        }
        return nil
    }
}
