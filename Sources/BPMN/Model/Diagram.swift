/// A `BPMNDiagram`: how the model is drawn. Kept for rendering; never needed to execute.
public struct Diagram: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// The name.
    public var name: String?
    /// `resolution`, when written.
    public var resolution: Double?
    /// The `BPMNPlane`.
    public var plane: DiagramPlane?
    /// `BPMNLabelStyle` children, verbatim.
    public var labelStyles: [XMLFragment]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a diagram.
    public init(
        id: ElementID?, name: String? = nil, resolution: Double? = nil, plane: DiagramPlane? = nil,
        labelStyles: [XMLFragment] = [], location: SourceLocation = .start
    ) {
        self.id = id
        self.name = name
        self.resolution = resolution
        self.plane = plane
        self.labelStyles = labelStyles
        self.location = location
    }
}

/// A `BPMNPlane`: the canvas for one process, collaboration or sub-process.
public struct DiagramPlane: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// `bpmnElement`: what the plane draws.
    public var bpmnElement: ElementID?
    /// `BPMNShape` children.
    public var shapes: [DiagramShape]
    /// `BPMNEdge` children.
    public var edges: [DiagramEdge]
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a plane.
    public init(
        id: ElementID?, bpmnElement: ElementID? = nil, shapes: [DiagramShape] = [], edges: [DiagramEdge] = [],
        location: SourceLocation = .start
    ) {
        self.id = id
        self.bpmnElement = bpmnElement
        self.shapes = shapes
        self.edges = edges
        self.location = location
    }
}

/// A rectangle in diagram coordinates (`dc:Bounds`).
public struct Bounds: Sendable, Hashable, Codable {
    /// Left edge.
    public var x: Double
    /// Top edge.
    public var y: Double
    /// Width.
    public var width: Double
    /// Height.
    public var height: Double

    /// Creates bounds.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// A point in diagram coordinates (`di:waypoint`).
public struct Point: Sendable, Hashable, Codable {
    /// Horizontal position.
    public var x: Double
    /// Vertical position.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A `BPMNShape`: where a node, pool, lane or artifact is drawn.
public struct DiagramShape: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// `bpmnElement`: the element drawn.
    public var bpmnElement: ElementID?
    /// `dc:Bounds`.
    public var bounds: Bounds?
    /// `isHorizontal` (pools and lanes).
    public var isHorizontal: Bool?
    /// `isExpanded` (sub-processes).
    public var isExpanded: Bool?
    /// `isMarkerVisible` (exclusive gateways).
    public var isMarkerVisible: Bool?
    /// `BPMNLabel`'s bounds, when it has them.
    public var labelBounds: Bounds?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates a shape.
    public init(
        id: ElementID?, bpmnElement: ElementID?, bounds: Bounds? = nil, isHorizontal: Bool? = nil,
        isExpanded: Bool? = nil, isMarkerVisible: Bool? = nil, labelBounds: Bounds? = nil,
        location: SourceLocation = .start
    ) {
        self.id = id
        self.bpmnElement = bpmnElement
        self.bounds = bounds
        self.isHorizontal = isHorizontal
        self.isExpanded = isExpanded
        self.isMarkerVisible = isMarkerVisible
        self.labelBounds = labelBounds
        self.location = location
    }
}

/// A `BPMNEdge`: how a sequence flow, message flow or association is drawn.
public struct DiagramEdge: Sendable, Hashable, Codable {
    /// The id.
    public var id: ElementID?
    /// `bpmnElement`: the element drawn.
    public var bpmnElement: ElementID?
    /// `di:waypoint` children.
    public var waypoints: [Point]
    /// `BPMNLabel`'s bounds, when it has them.
    public var labelBounds: Bounds?
    /// Where it starts.
    public var location: SourceLocation

    /// Creates an edge.
    public init(
        id: ElementID?, bpmnElement: ElementID?, waypoints: [Point] = [], labelBounds: Bounds? = nil,
        location: SourceLocation = .start
    ) {
        self.id = id
        self.bpmnElement = bpmnElement
        self.waypoints = waypoints
        self.labelBounds = labelBounds
        self.location = location
    }
}
