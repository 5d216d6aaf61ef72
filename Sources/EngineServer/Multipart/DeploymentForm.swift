import EngineRuntime
import Expressions
import Foundation

/// The fields of `POST /deployment/create` (contract §2.2): the reserved text parts and the resources (every
/// other part, each a file whose filename becomes the resource name).
struct DeploymentForm: Sendable {
    /// The reserved part names.
    static let reserved: Set<String> = [
        "deployment-name", "deployment-source", "enable-duplicate-filtering", "deploy-changed-only",
        "deployment-activation-time", "tenant-id",
    ]

    var name: String?
    var source: String?
    var filter: DuplicateFilter = .none
    var activationTime: DateTime?
    var resources: [DeploymentResource] = []

    /// Reads the parts; anything malformed is a 400 naming the part.
    init(parts: [MultipartPart]) throws(RESTError) {
        var texts: [String: String] = [:]
        for part in parts {
            if Self.reserved.contains(part.name) {
                guard texts[part.name] == nil else {
                    throw .invalidRequest("The form field '\(part.name)' is given more than once")
                }
                texts[part.name] = part.text
                continue
            }
            guard let filename = part.filename, !filename.isEmpty else {
                throw .invalidRequest(
                    "The form part '\(part.name)' is not a file: deployment resources need a filename in their "
                        + "Content-Disposition (the reserved text fields are "
                        + Self.reserved.sorted().joined(separator: ", ") + ")")
            }
            guard !resources.contains(where: { $0.name == filename }) else {
                throw .invalidRequest("The deployment contains the resource '\(filename)' more than once")
            }
            resources.append(DeploymentResource(name: filename, content: part.content))
        }
        name = texts["deployment-name"].flatMap { $0.isEmpty ? nil : $0 }
        source = texts["deployment-source"].flatMap { $0.isEmpty ? nil : $0 }
        let duplicates = try Self.flag(texts, "enable-duplicate-filtering")
        let changedOnly = try Self.flag(texts, "deploy-changed-only")
        filter = changedOnly ? .changedOnly : (duplicates ? .all : .none)
        if let tenant = texts["tenant-id"], !tenant.isEmpty {
            throw .invalidRequest(
                "Baton has no tenants: deploy without 'tenant-id' (it was '\(tenant)')")
        }
        if let text = texts["deployment-activation-time"], !text.isEmpty {
            guard let date = CamundaDate.parse(text) else {
                throw .invalidRequest(
                    "Cannot parse 'deployment-activation-time' value '\(text)': expected a date like "
                        + "2025-10-06T16:34:42.000+0200")
            }
            activationTime = date
        }
        guard !resources.isEmpty else {
            throw .invalidRequest("No deployment resources contained in the form upload.")
        }
    }

    /// A boolean field: `true`/`false` in any case (pycamunda sends Python's `True`/`False`); absent or empty is
    /// false.
    static func flag(_ texts: [String: String], _ name: String) throws(RESTError) -> Bool {
        guard let text = texts[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return false }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .invalidRequest("The form field '\(name)' must be true or false, not '\(text)'")
        }
    }
}
