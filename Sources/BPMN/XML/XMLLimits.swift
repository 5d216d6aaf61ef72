/// Limits applied while reading an XML document, so hostile or absurd input is refused quickly.
public struct XMLLimits: Sendable, Hashable {
    /// The largest document accepted, in bytes (default 16 MiB).
    public var maxDocumentBytes: Int
    /// The deepest element nesting accepted (default 128; real BPMN rarely passes 20).
    public var maxDepth: Int
    /// The most elements accepted in one document (default 1,000,000).
    public var maxElements: Int

    /// Creates limits.
    public init(maxDocumentBytes: Int = 16 * 1024 * 1024, maxDepth: Int = 128, maxElements: Int = 1_000_000) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    /// The default limits.
    public static let `default` = XMLLimits()
}
