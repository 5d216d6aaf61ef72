/// How an activity repeats (stored out of line: most activities have no loop, and the payload is large).
public indirect enum LoopCharacteristics: Sendable, Hashable, Codable {
    /// `standardLoopCharacteristics`.
    case standard(StandardLoop)
    /// `multiInstanceLoopCharacteristics`.
    case multiInstance(MultiInstanceLoop)
}

/// `standardLoopCharacteristics`: repeat while a condition holds.
public struct StandardLoop: Sendable, Hashable, Codable {
    /// `testBefore`, default false.
    public var testBefore: Bool
    /// `loopMaximum`.
    public var loopMaximum: Int?
    /// `loopCondition`.
    public var loopCondition: Expression?
    /// Where the element starts.
    public var location: SourceLocation

    /// Creates a standard loop.
    public init(
        testBefore: Bool = false, loopMaximum: Int? = nil, loopCondition: Expression? = nil,
        location: SourceLocation = .start
    ) {
        self.testBefore = testBefore
        self.loopMaximum = loopMaximum
        self.loopCondition = loopCondition
        self.location = location
    }
}

/// `multiInstanceLoopCharacteristics`: run the activity once per item or a fixed number of times.
public struct MultiInstanceLoop: Sendable, Hashable, Codable {
    /// `isSequential`, default false (parallel).
    public var isSequential: Bool
    /// `loopCardinality`.
    public var loopCardinality: Expression?
    /// `loopDataInputRef`.
    public var loopDataInputRef: String?
    /// `loopDataOutputRef`.
    public var loopDataOutputRef: String?
    /// `inputDataItem`'s `name` (or `id`).
    public var inputDataItem: String?
    /// `outputDataItem`'s `name` (or `id`).
    public var outputDataItem: String?
    /// `completionCondition`.
    public var completionCondition: Expression?
    /// `behavior` (`All`, `None`, `One`, `Complex`).
    public var behavior: String?
    /// Camunda's `collection`, `elementVariable`, async flags and Zeebe's `loopCharacteristics`.
    public var extensions: Extensions
    /// Where the element starts.
    public var location: SourceLocation

    /// Creates multi-instance characteristics.
    public init(
        isSequential: Bool = false, loopCardinality: Expression? = nil, loopDataInputRef: String? = nil,
        loopDataOutputRef: String? = nil, inputDataItem: String? = nil, outputDataItem: String? = nil,
        completionCondition: Expression? = nil, behavior: String? = nil, extensions: Extensions = Extensions(),
        location: SourceLocation = .start
    ) {
        self.isSequential = isSequential
        self.loopCardinality = loopCardinality
        self.loopDataInputRef = loopDataInputRef
        self.loopDataOutputRef = loopDataOutputRef
        self.inputDataItem = inputDataItem
        self.outputDataItem = outputDataItem
        self.completionCondition = completionCondition
        self.behavior = behavior
        self.extensions = extensions
        self.location = location
    }
}
