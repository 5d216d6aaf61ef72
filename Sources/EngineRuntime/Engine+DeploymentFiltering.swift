import EngineStore
import Expressions
import PostgresClient

/// How a deployment is compared with what is already deployed (Camunda's `enable-duplicate-filtering` and
/// `deploy-changed-only`).
public enum DuplicateFilter: Sendable, Hashable {
    /// Always deploy every resource.
    case none
    /// Deploy every resource when any of them changed; nothing when none did.
    case all
    /// Deploy only the resources that changed.
    case changedOnly
}

extension Engine {
    /// Deploys resources with Camunda's duplicate filtering: each resource is compared with the latest resource of
    /// the same name among the deployments with the same deployment name and source. When nothing changed, the
    /// latest such deployment is returned (`isNew == false`, no definitions) and nothing is written.
    ///
    /// The comparison and the deployment run in separate transactions: two identical deployments racing each other
    /// may both be deployed (as two versions with the same content).
    public func deploy(
        name: String?, resources: [DeploymentResource], source: String?, deployedBy: String?, filter: DuplicateFilter
    ) async throws -> DeploymentResult {
        guard filter != .none else {
            return try await deploy(
                name: name, resources: resources, source: source, deployedBy: deployedBy, duplicateFiltering: false)
        }
        let names = resources.map(\.name)
        let previous: (latest: (id: String, name: String?, deployedMS: Int)?, shas: [String: String]) =
            try await transaction { connection in
                let latest = try connection.query(
                    """
                    SELECT id, name, (extract(epoch FROM deployed_at) * 1000)::int8 AS deployed_ms FROM deployments
                    WHERE name IS NOT DISTINCT FROM $1 AND source IS NOT DISTINCT FROM $2
                    ORDER BY deployed_at DESC, id DESC LIMIT 1
                    """, [SQLText.optional(name), SQLText.optional(source)])
                let rows = try connection.query(
                    """
                    SELECT DISTINCT ON (r.name) r.name, r.sha256
                    FROM resources r JOIN deployments d ON d.id = r.deployment_id
                    WHERE d.name IS NOT DISTINCT FROM $1 AND d.source IS NOT DISTINCT FROM $2
                      AND r.name = ANY($3::text[])
                    ORDER BY r.name, d.deployed_at DESC, d.id DESC
                    """, [SQLText.optional(name), SQLText.optional(source), .textArray(names)])
                var shas: [String: String] = [:]
                for row in rows.rows { shas[try row.decode("name")] = try row.decode("sha256") }
                let first = try latest.rows.first.map { row in
                    (
                        id: try row.decode("id") as String, name: try row.decode("name", as: String?.self),
                        deployedMS: try row.decode("deployed_ms") as Int
                    )
                }
                return (first, shas)
            }
        let changed = resources.filter { previous.shas[$0.name] != SHA256.hex($0.content) }
        if changed.isEmpty, let latest = previous.latest {
            return DeploymentResult(
                id: latest.id, name: latest.name,
                deployedAt: DateTime(epochMilliseconds: Int64(latest.deployedMS), offsetSeconds: 0), isNew: false,
                definitions: [])
        }
        return try await deploy(
            name: name, resources: filter == .changedOnly ? changed : resources, source: source, deployedBy: deployedBy,
            duplicateFiltering: false)
    }
}
