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
        for child in element.children where child.name.namespaceURI == Namespaces.bpmnDI {
            switch child.name.localName {
            case "BPMNShape":
                result.shapes.append(DiagramShape(
                    id: child.elementID, bpmnElement: child.reference("bpmnElement"),
                    bounds: bounds(in: child), isHorizontal: bool(child, "isHorizontal"),
                    isExpanded: bool(child, "isExpanded"), isMarkerVisible: bool(child, "isMarkerVisible"),
                    labelBounds: labelBounds(in: child), location: child.location))
            case "BPMNEdge":
                let waypoints = child.children.filter {
                    $0.name.localName == "waypoint" && $0.name.namespaceURI == Namespaces.di
                }.compactMap { point in
                    double(point, "x").flatMap { x in double(point, "y").map { Point(x: x, y: $0) } }
                }
                result.edges.append(DiagramEdge(
                    id: child.elementID, bpmnElement: child.reference("bpmnElement"), waypoints: waypoints,
                    labelBounds: labelBounds(in: child), location: child.location))
            default:
                continue
            }
        }
        return result
    }

    private mutating func bounds(in element: XMLFragment) -> Bounds? {
        guard let bounds = element.children.first(where: {
            $0.name.localName == "Bounds" && $0.name.namespaceURI == Namespaces.dc
        }) else { return nil }
        guard let x = double(bounds, "x"), let y = double(bounds, "y"), let width = double(bounds, "width"),
            let height = double(bounds, "height")
        else { return nil }
        return Bounds(x: x, y: y, width: width, height: height)
    }

    private mutating func labelBounds(in element: XMLFragment) -> Bounds? {
        guard let label = element.children.first(where: {
            $0.name.localName == "BPMNLabel" && $0.name.namespaceURI == Namespaces.bpmnDI
        }) else { return nil }
        return bounds(in: label)
    }
}
