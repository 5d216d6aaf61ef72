/// The contents and flags of a `subProcess`, `transaction` or `adHocSubProcess`.
public struct SubProcess: Sendable, Hashable, Codable {
    /// `triggeredByEvent`: true for an event sub-process.
    public var triggeredByEvent: Bool
    /// The nested flow elements and artifacts.
    public var elements: FlowElements
    /// Transactions only: `method` (`##Compensate`, `##Store`, `##Image`).
    public var transactionMethod: String?
    /// Ad-hoc only: `completionCondition`.
    public var completionCondition: Expression?
    /// Ad-hoc only: `ordering` (`Parallel` or `Sequential`).
    public var ordering: String?
    /// Ad-hoc only: `cancelRemainingInstances`, default true.
    public var cancelRemainingInstances: Bool

    /// Creates sub-process contents.
    public init(
        triggeredByEvent: Bool = false, elements: FlowElements = FlowElements(), transactionMethod: String? = nil,
        completionCondition: Expression? = nil, ordering: String? = nil, cancelRemainingInstances: Bool = true
    ) {
        self.triggeredByEvent = triggeredByEvent
        self.elements = elements
        self.transactionMethod = transactionMethod
        self.completionCondition = completionCondition
        self.ordering = ordering
        self.cancelRemainingInstances = cancelRemainingInstances
    }
}
