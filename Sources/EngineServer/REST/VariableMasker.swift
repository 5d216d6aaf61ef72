import EngineRuntime
import Expressions

/// Masks the values of sensitive variables (`SensitiveVariables`: the configured patterns plus the process's own)
/// for callers without the `admins` or `auditors` role. A masked variable keeps its name and says it was masked:
/// `{"type": "String", "value": "***", "valueInfo": {"masked": true}}`. With authentication off there is no caller
/// to tell apart, so nothing is masked; workers fetching external tasks get real values (they do the work).
struct VariableMasker: Sendable {
    /// The text that replaces a masked value.
    static let maskedText = "***"

    let sensitive: SensitiveVariables
    let privileged: Bool

    /// The masker for a request on variables of one definition (nil: only the configured patterns apply).
    static func make(_ request: APIRequest, engine: Engine, definitionID: String?) async throws -> VariableMasker {
        guard let principal = request.principal, !principal.isAdmin, !principal.roles.contains(.auditors) else {
            return VariableMasker(sensitive: .none, privileged: true)
        }
        var sensitive = request.sensitiveVariables
        if let definitionID {
            sensitive = sensitive.union(try await engine.sensitiveVariables(definitionID: definitionID))
        }
        return VariableMasker(sensitive: sensitive, privileged: false)
    }

    /// Whether a variable's value is hidden from this caller.
    func masks(_ name: String) -> Bool { !privileged && sensitive.contains(name) }

    /// The variable DTO of one value, masked when it is sensitive.
    func dto(_ name: String, _ value: Value, deserialize: Bool = true) -> JSON {
        guard masks(name) else { return VariableCodec.dto(value, deserialize: deserialize) }
        return .object([
            ("type", .string("String")), ("value", .string(Self.maskedText)),
            ("valueInfo", .object([("masked", .bool(true))])),
        ])
    }

    /// The variable DTO map, sensitive values masked.
    func dtoMap(_ variables: [String: Value], deserialize: Bool = true) -> JSON {
        guard !privileged, variables.keys.contains(where: sensitive.contains) else {
            return VariableCodec.dtoMap(variables, deserialize: deserialize)
        }
        return .object(
            variables.sorted { $0.key < $1.key }.map { name, value in (name, dto(name, value, deserialize: deserialize)) })
    }
}
