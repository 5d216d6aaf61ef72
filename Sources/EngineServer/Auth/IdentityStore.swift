import Crypto
import Foundation
import PostgresClient
import enum EngineStore.Hex

/// A user's profile.
public struct UserProfile: Sendable, Hashable {
    /// The id (login name).
    public var id: String
    /// First name.
    public var firstName: String?
    /// Last name.
    public var lastName: String?
    /// E-mail address.
    public var email: String?

    /// Creates a profile.
    public init(id: String, firstName: String? = nil, lastName: String? = nil, email: String? = nil) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
    }
}

/// A group.
public struct GroupRecord: Sendable, Hashable {
    /// The id (role groups: `admins`, `analysts`, `reviewers`, `workers`, `auditors`).
    public var id: String
    /// The display name.
    public var name: String?
    /// Camunda's group type (`SYSTEM`, `WORKFLOW`, …).
    public var type: String?
}

/// Users, groups, memberships and API tokens in PostgreSQL; passwords as PBKDF2 hashes, tokens as SHA-256 hashes.
public struct IdentityStore: Sendable {
    /// The database.
    public let pool: PostgresPool
    /// The password hasher.
    public let hasher: PasswordHasher

    /// Creates a store.
    public init(pool: PostgresPool, hasher: PasswordHasher) {
        self.pool = pool
        self.hasher = hasher
    }

    static func validate(_ id: String, kind: String) throws(IdentityError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.@"))
        guard !id.isEmpty, id.count <= 128, id.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw .invalidID(
                "\(kind) id '\(id)' is not valid: use 1–128 letters, digits and - _ . @")
        }
    }

    /// Creates a user with a password (hashed here).
    public func createUser(_ profile: UserProfile, password: String) async throws {
        try Self.validate(profile.id, kind: "User")
        guard !password.isEmpty else { throw IdentityError.invalidID("The password of user '\(profile.id)' is empty") }
        let hash = try hasher.hash(password)
        let inserted = try await pool.withConnection { connection in
            try connection.execute(
                """
                INSERT INTO users (id, first_name, last_name, email, password_hash) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO NOTHING
                """,
                [
                    .text(profile.id), profile.firstName.map { .text($0) } ?? .null,
                    profile.lastName.map { .text($0) } ?? .null, profile.email.map { .text($0) } ?? .null,
                    .text(hash),
                ])
        }
        if inserted == 0 { throw IdentityError.exists("The user with id '\(profile.id)' already exists.") }
    }

    /// Whether a user exists.
    public func userExists(_ id: String) async throws -> Bool {
        try await pool.withConnection { connection in
            try connection.query("SELECT 1 FROM users WHERE id = $1", [.text(id)]).count > 0
        }
    }

    /// A user's profile.
    public func user(_ id: String) async throws -> UserProfile? {
        try await pool.withConnection { connection in
            guard
                let row = try connection.query(
                    "SELECT id, first_name, last_name, email FROM users WHERE id = $1", [.text(id)]
                ).first
            else { return nil }
            return UserProfile(
                id: try row.decode("id"), firstName: try row.decode("first_name"),
                lastName: try row.decode("last_name"), email: try row.decode("email"))
        }
    }

    /// Users, optionally of one group, sorted by id.
    public func users(memberOf group: String? = nil) async throws -> [UserProfile] {
        try await pool.withConnection { connection in
            let rows =
                if let group {
                    try connection.query(
                        """
                        SELECT u.id, u.first_name, u.last_name, u.email FROM users u
                        JOIN memberships m ON m.user_id = u.id WHERE m.group_id = $1 ORDER BY u.id
                        """, [.text(group)])
                } else {
                    try connection.query("SELECT id, first_name, last_name, email FROM users ORDER BY id")
                }
            return try rows.rows.map { row in
                UserProfile(
                    id: try row.decode("id"), firstName: try row.decode("first_name"),
                    lastName: try row.decode("last_name"), email: try row.decode("email"))
            }
        }
    }

    /// Deletes a user (memberships and tokens go with it).
    public func deleteUser(_ id: String) async throws {
        let deleted = try await pool.withConnection { connection in
            try connection.execute("DELETE FROM users WHERE id = $1", [.text(id)])
        }
        if deleted == 0 { throw IdentityError.notFound("User with id \(id) does not exist") }
    }

    /// Sets a user's password.
    public func setPassword(_ id: String, password: String) async throws {
        let hash = try hasher.hash(password)
        let updated = try await pool.withConnection { connection in
            try connection.execute("UPDATE users SET password_hash = $2 WHERE id = $1", [.text(id), .text(hash)])
        }
        if updated == 0 { throw IdentityError.notFound("User with id \(id) does not exist") }
    }

    /// Creates a group.
    public func createGroup(id: String, name: String?, type: String?) async throws {
        try Self.validate(id, kind: "Group")
        let inserted = try await pool.withConnection { connection in
            try connection.execute(
                "INSERT INTO groups (id, name, type) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
                [.text(id), name.map { .text($0) } ?? .null, type.map { .text($0) } ?? .null])
        }
        if inserted == 0 { throw IdentityError.exists("The group with id '\(id)' already exists.") }
    }

    /// Groups, optionally those of one user, sorted by id.
    public func groups(ofUser user: String? = nil) async throws -> [GroupRecord] {
        try await pool.withConnection { connection in
            let rows =
                if let user {
                    try connection.query(
                        """
                        SELECT g.id, g.name, g.type FROM groups g JOIN memberships m ON m.group_id = g.id
                        WHERE m.user_id = $1 ORDER BY g.id
                        """, [.text(user)])
                } else {
                    try connection.query("SELECT id, name, type FROM groups ORDER BY id")
                }
            return try rows.rows.map { row in
                GroupRecord(id: try row.decode("id"), name: try row.decode("name"), type: try row.decode("type"))
            }
        }
    }

    /// Deletes a group.
    public func deleteGroup(_ id: String) async throws {
        let deleted = try await pool.withConnection { connection in
            try connection.execute("DELETE FROM groups WHERE id = $1", [.text(id)])
        }
        if deleted == 0 { throw IdentityError.notFound("Group with id \(id) does not exist") }
    }

    /// Adds a user to a group (no-op when already a member).
    public func addMember(group: String, user: String) async throws {
        try await pool.withConnection { connection in
            guard try connection.query("SELECT 1 FROM users WHERE id = $1", [.text(user)]).count > 0 else {
                throw IdentityError.notFound("User with id \(user) does not exist")
            }
            guard try connection.query("SELECT 1 FROM groups WHERE id = $1", [.text(group)]).count > 0 else {
                throw IdentityError.notFound("Group with id \(group) does not exist")
            }
            _ = try connection.execute(
                "INSERT INTO memberships (user_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                [.text(user), .text(group)])
        }
    }

    /// Removes a user from a group.
    public func removeMember(group: String, user: String) async throws {
        _ = try await pool.withConnection { connection in
            try connection.execute(
                "DELETE FROM memberships WHERE user_id = $1 AND group_id = $2", [.text(user), .text(group)])
        }
    }

    /// The principal for a user id and password, or nil when they do not match.
    public func verify(user: String, password: String) async throws -> Principal? {
        let row = try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT u.password_hash, coalesce(array_to_string(array_agg(m.group_id), ','), '') AS groups
                FROM users u LEFT JOIN memberships m ON m.user_id = u.id WHERE u.id = $1 GROUP BY u.id
                """, [.text(user)]
            ).first
        }
        guard let row, let stored: String = try row.decode("password_hash") else { return nil }
        guard hasher.verify(password, against: stored) else { return nil }
        let groups: String = try row.decode("groups")
        return Principal(userID: user, groups: groups.split(separator: ",").map(String.init))
    }

    /// Creates an API token for a user; the token is returned once and only its hash is stored.
    public func createToken(user: String, name: String?, createdBy: String?) async throws -> (id: String, token: String) {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let token = "baton_" + Hex.encode(bytes)
        let id = UUID().uuidString.lowercased()
        try await pool.withConnection { connection in
            guard try connection.query("SELECT 1 FROM users WHERE id = $1", [.text(user)]).count > 0 else {
                throw IdentityError.notFound("User with id \(user) does not exist")
            }
            _ = try connection.execute(
                """
                INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, created_by)
                VALUES ($1::uuid, $2, $3, $4, now(), $5)
                """,
                [
                    .text(id), .text(user), name.map { .text($0) } ?? .null, .text(Self.tokenHash(token)),
                    createdBy.map { .text($0) } ?? .null,
                ])
        }
        return (id, token)
    }

    /// Revokes a token by id.
    public func deleteToken(_ id: String) async throws {
        let deleted = try await pool.withConnection { connection in
            try connection.execute("DELETE FROM api_tokens WHERE id::text = $1", [.text(id)])
        }
        if deleted == 0 { throw IdentityError.notFound("API token with id \(id) does not exist") }
    }

    /// The principal a bearer token belongs to, or nil.
    public func verify(token: String) async throws -> Principal? {
        let row = try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT t.user_id, coalesce(array_to_string(array_agg(m.group_id), ','), '') AS groups
                FROM api_tokens t LEFT JOIN memberships m ON m.user_id = t.user_id WHERE t.token_hash = $1
                GROUP BY t.user_id
                """, [.text(Self.tokenHash(token))]
            ).first
        }
        guard let row else { return nil }
        let groups: String = try row.decode("groups")
        return Principal(userID: try row.decode("user_id"), groups: groups.split(separator: ",").map(String.init))
    }

    static func tokenHash(_ token: String) -> String {
        Hex.encode(Array(SHA256.hash(data: Array(token.utf8))))
    }

    /// Creates the `admin` user in `admins` when no user is in `admins` yet. Returns the generated password when
    /// none was given (to be printed once), nil otherwise.
    public func bootstrapAdmin(password given: String?) async throws -> String? {
        let hasAdmin = try await pool.withConnection { connection in
            try connection.query("SELECT 1 FROM memberships WHERE group_id IN ('admins', 'camunda-admin') LIMIT 1")
                .count > 0
        }
        if hasAdmin { return nil }
        var generated: String?
        let password: String
        if let given, !given.isEmpty {
            password = given
        } else {
            var bytes = [UInt8](repeating: 0, count: 12)
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = generator.next() }
            password = Hex.encode(bytes)
            generated = password
        }
        if try await userExists("admin") {
            try await setPassword("admin", password: password)
        } else {
            try await createUser(UserProfile(id: "admin", firstName: "Baton", lastName: "Admin"), password: password)
        }
        try await addMember(group: "admins", user: "admin")
        return generated
    }
}
