extension ReadContext {
    /// Reads a `bpmndi:BPMNDiagram`.
    mutating func diagram(_ element: XMLFragment) -> Diagram {
        var result = Diagram(
            id: element.elementID, name: element.nameAttribute, resolution: double(element, "resolution"),
            location: element.location)
        for child in element.children where child.name.namespaceURI == Namespaces.bpmnDI {
            switch child.name.localName {
            case "BPMNPlane": result.plane = plane(child)
            case "BPMNLabelStyle": result.labelStyles.append(child)
            default: continue
            }
        }
        return result
    }

    private mutating func plane(_ element: XMLFragment) -> DiagramPlane {
        var result = DiagramPlane(
            id: element.elementID, bpmnElement: element.reference("bpmnElement"), location: element.location)
        for index in element.children.indices
        where element.children[index].name.namespaceURI == Namespaces.bpmnDI {
            diagramElement(element.children[index], into: &result)
        }
        return result
    }

    /// Reads one `BPMNShape` or `BPMNEdge` of a plane into it (by index from `plane`, so nothing is copied).
    private mutating func diagramElement(_ child: XMLFragment, into result: inout DiagramPlane) {
        switch child.name.localName {
        case "BPMNShape":
            result.shapes.append(DiagramShape(
                id: child.elementID, bpmnElement: child.reference("bpmnElement"),
                bounds: bounds(in: child), isHorizontal: bool(child, "isHorizontal"),
                isExpanded: bool(child, "isExpanded"), isMarkerVisible: bool(child, "isMarkerVisible"),
                labelBounds: labelBounds(in: child), location: child.location))
        case "BPMNEdge":
            let waypoints = child.children.compactMap { point -> Point? in
                guard point.name.localName == "waypoint", point.name.namespaceURI == Namespaces.di else { return nil }
                return double(point, "x").flatMap { x in double(point, "y").map { Point(x: x, y: $0) } }
            }
            result.edges.append(DiagramEdge(
                id: child.elementID, bpmnElement: child.reference("bpmnElement"), waypoints: waypoints,
                labelBounds: labelBounds(in: child), location: child.location))
        default:
            return
        }
    }

    private mutating func bounds(in element: XMLFragment) -> Bounds? {
        guard let index = element.children.firstIndex(where: {
            $0.name.localName == "Bounds" && $0.name.namespaceURI == Namespaces.dc
        }) else { return nil }
        return bounds(element.children[index])
    }

    private mutating func bounds(_ bounds: XMLFragment) -> Bounds? {
        guard let x = double(bounds, "x"), let y = double(bounds, "y"), let width = double(bounds, "width"),
            let height = double(bounds, "height")
        else { return nil }
        return Bounds(x: x, y: y, width: width, height: height)
    }

    private mutating func labelBounds(in element: XMLFragment) -> Bounds? {
        guard let index = element.children.firstIndex(where: {
            $0.name.localName == "BPMNLabel" && $0.name.namespaceURI == Namespaces.bpmnDI
        }) else { return nil }
        return bounds(in: element.children[index])
    }
}
