import BPMN
import EngineCore
import EngineStore
import Expressions
import Foundation
import PostgresClient

/// A file to deploy.
public struct DeploymentResource: Sendable {
    /// The resource name, e.g. `invoice.bpmn`.
    public var name: String
    /// The bytes.
    public var content: [UInt8]

    /// Creates a resource.
    public init(name: String, content: [UInt8]) {
        self.name = name
        self.content = content
    }
}

/// What a deployment created.
public struct DeploymentResult: Sendable {
    /// The deployment id (an existing one when duplicate filtering found nothing new).
    public var id: String
    /// The deployment name.
    public var name: String?
    /// When it was deployed.
    public var deployedAt: DateTime
    /// Whether anything new was deployed.
    public var isNew: Bool
    /// The definitions it deployed (or, when nothing changed, the current ones for its processes).
    public var definitions: [DeployedDefinition]
}

/// One process definition of a deployment.
public struct DeployedDefinition: Sendable, Hashable {
    /// `key:version:uuid`.
    public var id: String
    /// The process id.
    public var key: String
    /// The version of that key.
    public var version: Int
    /// The process name.
    public var name: String?
    /// The resource it came from.
    public var resource: String
}

extension Engine {
    /// Deploys BPMN resources: each is parsed, validated and compiled first (any error refuses the whole deployment,
    /// with the diagnostics); then, in one transaction, the resources are stored and each process gets a new version
    /// of its key — unless `duplicateFiltering` finds the same XML already deployed as the latest version.
    public func deploy(
        name: String?, resources: [DeploymentResource], source: String? = nil, deployedBy: String? = nil,
        duplicateFiltering: Bool = true
    ) async throws -> DeploymentResult {
        var compiled: [(resource: DeploymentResource, sha: String, processes: [ExecutableProcess])] = []
        var metadata: [String: ProcessMetadata] = [:]
        for resource in resources where resource.isBPMN {
            let check = BPMNDocumentCheck().check(resource.content)
            var diagnostics = check.diagnostics
            var processes: [ExecutableProcess] = []
            if let definitions = check.definitions {
                let output = ProcessCompiler().compile(definitions)
                diagnostics += output.diagnostics
                processes = definitions.processes.compactMap { output.processes[$0.id] }
                for process in definitions.processes {
                    metadata[process.id.rawValue] = ProcessMetadata(process: process, definitions: definitions)
                }
            }
            if diagnostics.contains(where: { $0.severity == .error }) || processes.isEmpty {
                if processes.isEmpty && !diagnostics.contains(where: { $0.severity == .error }) {
                    diagnostics.append(
                        Diagnostic(.error, .noExecutableProcess, "the resource has no executable process", at: .start))
                }
                throw EngineError.deploymentRefused(resource: resource.name, diagnostics: diagnostics)
            }
            compiled.append((resource, SHA256.hex(resource.content), processes))
        }
        let now = clock.now()
        let deploymentID = UUID().uuidString.lowercased()
        let plan = compiled.map { ($0.resource, $0.sha, $0.processes.map { ($0.id.rawValue, $0.name, $0) }) }
        let others = resources.filter { !$0.isBPMN }
        let result = try await transaction { [metadata] connection in
            try Self.store(
                plan, others: others, metadata: metadata, deploymentID: deploymentID, name: name, source: source,
                deployedBy: deployedBy, now: now, duplicateFiltering: duplicateFiltering, on: connection)
        }
        for (_, _, processes) in compiled {
            for process in processes {
                if let definition = result.definitions.first(where: { $0.key == process.id.rawValue }) {
                    definitions.put(
                        CachedDefinition(id: definition.id, key: definition.key, version: definition.version, process: process))
                }
            }
        }
        return result
    }

    private static func store(
        _ plan: [(DeploymentResource, String, [(key: String, name: String?, process: ExecutableProcess)])],
        others: [DeploymentResource], metadata: [String: ProcessMetadata], deploymentID: String, name: String?,
        source: String?, deployedBy: String?, now: DateTime, duplicateFiltering: Bool, on connection: PostgresConnection
    ) throws -> DeploymentResult {
        var latest: [String: (id: String, version: Int, sha: String, name: String?, resource: String)] = [:]
        for (_, _, processes) in plan {
            for process in processes {
                // Serializes concurrent deployments of the same key, so versions never collide.
                try connection.execute("SELECT pg_advisory_xact_lock(hashtext('baton.definition.' || $1))", [.text(process.key)])
                let rows = try connection.query(
                    """
                    SELECT id, version, sha256, name, resource_name FROM process_definitions WHERE key = $1
                    ORDER BY version DESC LIMIT 1
                    """, [.text(process.key)])
                if let row = rows.rows.first {
                    latest[process.key] = (
                        try row.decode("id"), try row.decode("version"), try row.decode("sha256"),
                        try row.decode("name", as: String?.self), try row.decode("resource_name")
                    )
                }
            }
        }
        let unchanged = plan.allSatisfy { _, sha, processes in
            processes.allSatisfy { latest[$0.key]?.sha == sha }
        }
        if duplicateFiltering, unchanged, !plan.isEmpty {
            let definitions = plan.flatMap { _, _, processes in
                processes.compactMap { process -> DeployedDefinition? in
                    guard let current = latest[process.key] else { return nil }
                    return DeployedDefinition(
                        id: current.id, key: process.key, version: current.version, name: current.name,
                        resource: current.resource)
                }
            }
            let existing = try connection.query(
                """
                SELECT d.id, d.name, (extract(epoch FROM d.deployed_at) * 1000)::int8 AS deployed_ms
                FROM deployments d JOIN process_definitions p ON p.deployment_id = d.id
                WHERE p.id = $1
                """, [.text(definitions.first?.id ?? "")])
            if let row = existing.rows.first {
                let deployedAt: Int = try row.decode("deployed_ms")
                return DeploymentResult(
                    id: try row.decode("id"), name: try row.decode("name", as: String?.self),
                    deployedAt: DateTime(epochMilliseconds: Int64(deployedAt), offsetSeconds: 0), isNew: false,
                    definitions: definitions)
            }
        }
        try connection.execute(
            "INSERT INTO deployments (id, name, source, deployed_at, deployed_by) VALUES ($1, $2, $3, $4::timestamptz, $5)",
            [.text(deploymentID), SQLText.optional(name), SQLText.optional(source), .text(now.iso8601),
             SQLText.optional(deployedBy)])
        var definitions: [DeployedDefinition] = []
        for resource in others {
            try connection.execute(
                "INSERT INTO resources (deployment_id, name, content, sha256) VALUES ($1, $2, $3, $4)",
                [.text(deploymentID), .text(resource.name), .bytes(resource.content),
                 .text(SHA256.hex(resource.content))])
        }
        for (resource, sha, processes) in plan {
            try connection.execute(
                "INSERT INTO resources (deployment_id, name, content, sha256) VALUES ($1, $2, $3, $4)",
                [.text(deploymentID), .text(resource.name), .bytes(resource.content), .text(sha)])
            for process in processes {
                let version = (latest[process.key]?.version ?? 0) + 1
                let id = "\(process.key):\(version):\(UUID().uuidString.lowercased())"
                let meta = metadata[process.key]
                try connection.execute(
                    """
                    INSERT INTO process_definitions (id, key, version, name, deployment_id, resource_name, sha256,
                        created_at, category, description, version_tag, history_ttl_days, startable,
                        candidate_starter_groups, candidate_starter_users)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $10, $11, $12, $13, $14::text[],
                        $15::text[])
                    """,
                    [.text(id), .text(process.key), .int(version), SQLText.optional(process.name), .text(deploymentID),
                     .text(resource.name), .text(sha), .text(now.iso8601), SQLText.optional(meta?.category),
                     SQLText.optional(meta?.description), SQLText.optional(meta?.versionTag),
                     SQLText.optional(meta?.historyTimeToLiveDays), .bool(meta?.startableInTasklist ?? true),
                     .textArray(meta?.candidateStarterGroups ?? []), .textArray(meta?.candidateStarterUsers ?? [])])
                try StartSubscriptions.register(
                    process.process, definitionID: id, key: process.key, now: now, on: connection)
                definitions.append(
                    DeployedDefinition(id: id, key: process.key, version: version, name: process.name, resource: resource.name))
            }
        }
        return DeploymentResult(id: deploymentID, name: name, deployedAt: now, isNew: true, definitions: definitions)
    }
}
