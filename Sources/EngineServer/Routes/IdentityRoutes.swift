/// Users, groups, memberships and API tokens (contract §2.10), plus Baton's bearer-token endpoints.
enum IdentityRoutes {
    /// Registers the routes.
    static func register(on api: APIRouter) {
        let identity = api.services.identity
        let authenticator = api.services.authenticator

        api.add(
            .post, "/identity/verify", tag: "Identity", summary: "Checks a user id and password",
            access: .authenticated
        ) { request in
            let body = try request.jsonObject()
            guard let user = body["username"]?.stringValue, let password = body["password"]?.stringValue else {
                throw RESTError.invalidRequest("Username and password are required")
            }
            let principal = try await identity.verify(user: user, password: password)
            return .json(.object([
                ("authenticatedUser", .string(user)), ("authenticated", .bool(principal != nil)),
            ]))
        }

        api.add(
            .get, "/identity/groups", tag: "Identity", summary: "The groups of a user and the members of those groups",
            access: .authenticated
        ) { request in
            guard let user = request.query.first("userId"), !user.isEmpty else {
                throw RESTError.invalidRequest("No user id was supplied")
            }
            if let principal = request.principal, !principal.isAdmin, principal.userID != user {
                throw RESTError.forbidden(userID: principal.userID, permission: "READ", resource: "User", resourceID: user)
            }
            let groups = try await identity.groups(ofUser: user)
            var members: [String: UserProfile] = [:]
            for group in groups {
                for member in try await identity.users(memberOf: group.id) { members[member.id] = member }
            }
            return .json(.object([
                ("groups", .array(groups.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
                (
                    "groupUsers",
                    .array(members.values.sorted { $0.id < $1.id }.map { profile in
                        .object([
                            ("firstName", .string(profile.firstName)), ("lastName", .string(profile.lastName)),
                            ("displayName", .string(displayName(profile))), ("id", .string(profile.id)),
                        ])
                    })
                ),
            ]))
        }

        api.add(.post, "/user/create", tag: "Identity", summary: "Creates a user", access: .identity) { request in
            let body = try request.jsonObject()
            guard let profile = body["profile"], let id = profile["id"]?.stringValue else {
                throw RESTError.invalidRequest("A user needs 'profile.id'")
            }
            guard let password = body["credentials"]?["password"]?.stringValue, !password.isEmpty else {
                throw RESTError.invalidRequest("A user needs 'credentials.password'")
            }
            do {
                try await identity.createUser(
                    UserProfile(
                        id: id, firstName: profile["firstName"]?.stringValue, lastName: profile["lastName"]?.stringValue,
                        email: profile["email"]?.stringValue),
                    password: password)
            } catch let error as IdentityError {
                throw error.restError
            }
            return .noContent
        }

        api.add(.get, "/user", tag: "Identity", summary: "Lists users (`memberOfGroup`, `id`)", access: .identity) {
            request in
            var users = try await identity.users(memberOf: request.query.first("memberOfGroup"))
            if let id = request.query.first("id") { users = users.filter { $0.id == id } }
            return .json(.array(try request.paging().apply(users).map(profileJSON)))
        }

        api.add(.get, "/user/count", tag: "Identity", summary: "Counts users", access: .identity) { request in
            .count(try await identity.users(memberOf: request.query.first("memberOfGroup")).count)
        }

        api.add(.get, "/user/{id}/profile", tag: "Identity", summary: "A user's profile", access: .authenticated) {
            request in
            let id = request.parameter("id")
            if let principal = request.principal, !principal.isAdmin, principal.userID != id {
                throw RESTError.forbidden(userID: principal.userID, permission: "READ", resource: "User", resourceID: id)
            }
            guard let profile = try await identity.user(id) else {
                throw RESTError.notFound("User with id \(id) does not exist")
            }
            return .json(profileJSON(profile))
        }

        api.add(.put, "/user/{id}/credentials", tag: "Identity", summary: "Sets a user's password",
            access: .authenticated
        ) { request in
            let id = request.parameter("id")
            if let principal = request.principal, !principal.isAdmin, principal.userID != id {
                throw RESTError.forbidden(userID: principal.userID, permission: "UPDATE", resource: "User", resourceID: id)
            }
            guard let password = try request.jsonObject()["password"]?.stringValue, !password.isEmpty else {
                throw RESTError.invalidRequest("A new 'password' is required")
            }
            do { try await identity.setPassword(id, password: password) } catch let error as IdentityError {
                throw error.restError
            }
            authenticator.invalidate()
            return .noContent
        }

        api.add(.delete, "/user/{id}", tag: "Identity", summary: "Deletes a user", access: .identity) { request in
            do { try await identity.deleteUser(request.parameter("id")) } catch let error as IdentityError {
                throw error.restError
            }
            authenticator.invalidate()
            return .noContent
        }

        api.add(.post, "/group/create", tag: "Identity", summary: "Creates a group", access: .identity) { request in
            let body = try request.jsonObject()
            guard let id = body["id"]?.stringValue else { throw RESTError.invalidRequest("A group needs an 'id'") }
            do {
                try await identity.createGroup(id: id, name: body["name"]?.stringValue, type: body["type"]?.stringValue)
            } catch let error as IdentityError {
                throw error.restError
            }
            return .noContent
        }

        api.add(.get, "/group", tag: "Identity", summary: "Lists groups (`member`)", access: .identity) { request in
            let groups = try await identity.groups(ofUser: request.query.first("member"))
            return .json(.array(try request.paging().apply(groups).map(groupJSON)))
        }

        api.add(.get, "/group/count", tag: "Identity", summary: "Counts groups", access: .identity) { request in
            .count(try await identity.groups(ofUser: request.query.first("member")).count)
        }

        api.add(.get, "/group/{id}", tag: "Identity", summary: "A group", access: .identity) { request in
            let id = request.parameter("id")
            guard let group = try await identity.groups().first(where: { $0.id == id }) else {
                throw RESTError.notFound("Group with id \(id) does not exist")
            }
            return .json(groupJSON(group))
        }

        api.add(.delete, "/group/{id}", tag: "Identity", summary: "Deletes a group", access: .identity) { request in
            do { try await identity.deleteGroup(request.parameter("id")) } catch let error as IdentityError {
                throw error.restError
            }
            authenticator.invalidate()
            return .noContent
        }

        api.add(.put, "/group/{id}/members/{userId}", tag: "Identity", summary: "Adds a user to a group",
            access: .identity
        ) { request in
            do {
                try await identity.addMember(group: request.parameter("id"), user: request.parameter("userId"))
            } catch let error as IdentityError {
                throw error.restError
            }
            authenticator.invalidate()
            return .noContent
        }

        api.add(.delete, "/group/{id}/members/{userId}", tag: "Identity", summary: "Removes a user from a group",
            access: .identity
        ) { request in
            try await identity.removeMember(group: request.parameter("id"), user: request.parameter("userId"))
            authenticator.invalidate()
            return .noContent
        }

        api.add(.post, "/identity/token", tag: "Identity",
            summary: "Baton: creates a bearer API token for yourself (admins: for `userId`); shown once",
            access: .authenticated
        ) { request in
            let body = try request.jsonObject()
            let caller = request.principal?.userID
            let user = body["userId"]?.stringValue ?? caller ?? ""
            if let principal = request.principal, !principal.isAdmin, principal.userID != user {
                throw RESTError.forbidden(userID: principal.userID, permission: "CREATE", resource: "User", resourceID: user)
            }
            do {
                let created = try await identity.createToken(
                    user: user, name: body["name"]?.stringValue, createdBy: caller)
                return .json(.object([
                    ("id", .string(created.id)), ("userId", .string(user)), ("name", .string(body["name"]?.stringValue)),
                    ("token", .string(created.token)),
                ]))
            } catch let error as IdentityError {
                throw error.restError
            }
        }

        api.add(.delete, "/identity/token/{id}", tag: "Identity", summary: "Baton: revokes a bearer API token",
            access: .identity
        ) { request in
            do { try await identity.deleteToken(request.parameter("id")) } catch let error as IdentityError {
                throw error.restError
            }
            authenticator.invalidate()
            return .noContent
        }
    }

    static func displayName(_ profile: UserProfile) -> String? {
        let parts = [profile.firstName, profile.lastName].compactMap { $0 }
        return parts.isEmpty ? profile.id : parts.joined(separator: " ")
    }

    static func profileJSON(_ profile: UserProfile) -> JSON {
        .object([
            ("id", .string(profile.id)), ("firstName", .string(profile.firstName)),
            ("lastName", .string(profile.lastName)), ("email", .string(profile.email)),
        ])
    }

    static func groupJSON(_ group: GroupRecord) -> JSON {
        .object([("id", .string(group.id)), ("name", .string(group.name)), ("type", .string(group.type))])
    }
}
