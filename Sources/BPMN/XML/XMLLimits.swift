/// Limits applied while reading an XML document, so hostile or absurd input is refused quickly.
public struct XMLLimits: Sendable, Hashable {
    /// The largest document accepted, in bytes (default 16 MiB).
    public var maxDocumentBytes: Int
    /// The deepest element nesting accepted (default 128; real BPMN rarely passes 20).
    public var maxDepth: Int
    /// The most elements accepted in one document (default 250,000). Real models stay far below it (the largest
    /// in the shared corpus has a few thousand); the limit bounds memory, which grows by about 1 KB per element
    /// while a document is read and checked.
    public var maxElements: Int

    /// Creates limits.
    public init(maxDocumentBytes: Int = 16 * 1024 * 1024, maxDepth: Int = 128, maxElements: Int = 250_000) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    /// The default limits.
    public static let `default` = XMLLimits()
}
