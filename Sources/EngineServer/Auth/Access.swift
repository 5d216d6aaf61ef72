/// Who may call a route: nobody needs to be signed in (`open`), any signed-in user, or one of some roles. Admins may
/// call everything. Finer checks (a reviewer's own tasks) happen in the route, on `context.principal`.
public struct Access: Sendable, Hashable {
    /// No authentication needed.
    public var isOpen: Bool
    /// The roles allowed besides admins; empty with `isOpen == false` means any authenticated user.
    public var roles: Set<Role>
    /// The Camunda resource name for 403 bodies (`ProcessDefinition`, `Task`, …).
    public var resource: String
    /// The Camunda permission name for 403 bodies (`READ`, `CREATE_INSTANCE`, …).
    public var permission: String

    /// Creates an access rule.
    public init(isOpen: Bool = false, roles: Set<Role>, resource: String, permission: String) {
        self.isOpen = isOpen
        self.roles = roles
        self.resource = resource
        self.permission = permission
    }

    /// Whether a principal passes.
    public func allows(_ principal: Principal) -> Bool {
        principal.isAdmin || roles.isEmpty || !roles.isDisjoint(with: principal.roles)
    }

    /// The role names allowed, for the OpenAPI document and docs.
    public var roleNames: [String] {
        if isOpen { return ["anyone"] }
        if roles.isEmpty { return ["any authenticated user"] }
        return ["admins"] + roles.map(\.rawValue).sorted()
    }
}

extension Access {
    /// No authentication (`/engine`, `/version`, the OpenAPI document).
    public static let open = Access(isOpen: true, roles: [], resource: "Application", permission: "ACCESS")
    /// Any signed-in user.
    public static let authenticated = Access(roles: [], resource: "Application", permission: "ACCESS")
    /// Admins only.
    public static func admin(_ resource: String, _ permission: String) -> Access {
        Access(roles: [.admins], resource: resource, permission: permission)
    }
    /// Read deployments and definitions: analysts (and admins).
    public static let readDefinitions = Access(roles: [.analysts], resource: "ProcessDefinition", permission: "READ")
    /// Deploy, delete deployments and definitions: analysts.
    public static let deploy = Access(roles: [.analysts], resource: "Deployment", permission: "CREATE")
    /// Start instances (and correlate messages that start them): analysts.
    public static let startInstances = Access(
        roles: [.analysts], resource: "ProcessDefinition", permission: "CREATE_INSTANCE")
    /// Read instances: analysts; reviewers only those of their tasks (checked in the route).
    public static let readInstances = Access(
        roles: [.analysts, .reviewers], resource: "ProcessInstance", permission: "READ")
    /// Change instances (cancel, variables, suspension, modification): admins.
    public static let updateInstances = Access(roles: [.admins], resource: "ProcessInstance", permission: "UPDATE")
    /// User tasks: reviewers (only their own tasks, checked in the route).
    public static let tasks = Access(roles: [.reviewers], resource: "Task", permission: "TASK_WORK")
    /// External tasks: workers.
    public static let externalTasks = Access(roles: [.workers], resource: "ExternalTask", permission: "UPDATE")
    /// Messages and signals: analysts and workers (a worker may report an event into a process).
    public static let messages = Access(
        roles: [.analysts, .workers], resource: "ProcessInstance", permission: "UPDATE")
    /// Jobs and incidents: admins (operators).
    public static let operations = Access(roles: [.admins], resource: "ProcessInstance", permission: "RETRY_JOB")
    /// History and audit: auditors.
    public static let history = Access(roles: [.auditors], resource: "HistoricProcessInstance", permission: "READ")
    /// Identity administration: admins.
    public static let identity = Access(roles: [.admins], resource: "User", permission: "CREATE")
}
