import Expressions

/// Which events of one instance's audit timeline to read (`HistoryService.timeline`): every filter is optional and
/// they combine with AND; paging applies to the filtered events in `sequence` order. Filtering and paging run in
/// PostgreSQL, on the instance's rows only.
public struct TimelineQuery: Sendable, Hashable {
    /// Only events at or after this time (inclusive, compared in whole milliseconds).
    public var occurredAfter: DateTime?
    /// Only events at or before this time (inclusive, compared in whole milliseconds).
    public var occurredBefore: DateTime?
    /// Only events caused by this user (exact user id).
    public var actor: String?
    /// Only events concerning this element (exact BPMN id; see `TimelineEntry.element` for how events without an
    /// element column are attributed).
    public var elementID: String?
    /// Only events of these types (`history_events.type`, e.g. `userTaskChanged`); nil means every type.
    public var types: [String]?
    /// The index (0-based) of the first filtered event to return.
    public var firstResult: Int?
    /// The most events to return.
    public var maxResults: Int?

    /// Creates a query; without arguments it selects every event.
    public init(
        occurredAfter: DateTime? = nil, occurredBefore: DateTime? = nil, actor: String? = nil,
        elementID: String? = nil, types: [String]? = nil, firstResult: Int? = nil, maxResults: Int? = nil
    ) {
        self.occurredAfter = occurredAfter
        self.occurredBefore = occurredBefore
        self.actor = actor
        self.elementID = elementID
        self.types = types
        self.firstResult = firstResult
        self.maxResults = maxResults
    }

    /// Refuses values that cannot be meant (`HistoryError.invalidFilter` naming the field and why).
    func validate() throws {
        if let firstResult, firstResult < 0 {
            throw HistoryError.invalidFilter("firstResult must be 0 or more, not \(firstResult)")
        }
        if let maxResults, maxResults < 0 {
            throw HistoryError.invalidFilter("maxResults must be 0 or more, not \(maxResults)")
        }
        if let types, types.isEmpty || types.contains(where: \.isEmpty) {
            throw HistoryError.invalidFilter("type must name at least one event type and no empty one")
        }
    }
}
