import BPMN
import Expressions

extension GraphBuilder {
    /// Parses model text (`${…}`, `=…` or a literal); a syntax error becomes a diagnostic and nil.
    mutating func expression(
        _ text: String?, _ what: String, of node: FlowNode, at location: SourceLocation? = nil
    ) -> CompiledExpression? {
        guard let text else { return nil }
        return parse(text, what, element: node.id, elementName: node.elementName, at: location ?? node.location)
    }

    mutating func parse(
        _ text: String, _ what: String, element: ElementID, elementName: String, at location: SourceLocation,
        as language: CompiledExpression.Language? = nil
    ) -> CompiledExpression? {
        do {
            if let language { return try CompiledExpression.parse(text, as: language) }
            return try CompiledExpression.parse(text)
        } catch {
            report(
                "the \(what) of \(elementName) '\(element.rawValue)' is not a valid expression: \(error.message) "
                    + "at column \(error.column) of '\(error.source)'",
                .invalidExpression, at: location, element: element)
            return nil
        }
    }

    /// A sequence flow condition; Groovy/JavaScript conditions are refused by the validator already.
    mutating func conditionExpression(
        _ expression: Expression, flowID: ElementID, location: SourceLocation
    ) -> CompiledExpression? {
        let body = expression.body
        let language = expression.language?.lowercased()
        let parsed: CompiledExpression?
        if language == "feel" || language == "http://www.omg.org/spec/feel/20140401" {
            let text = body.hasPrefix("=") ? body : "=" + body
            parsed = parse(text, "condition", element: flowID, elementName: "sequenceFlow", at: expression.location)
        } else {
            parsed = parse(body, "condition", element: flowID, elementName: "sequenceFlow", at: expression.location)
        }
        if let parsed, parsed.isLiteral {
            report(
                "the condition of sequenceFlow '\(flowID.rawValue)' is plain text '\(body)', not an expression; write "
                    + "it as ${…} (JUEL) or =… (FEEL)",
                .invalidExpression, at: expression.location, element: flowID)
            return nil
        }
        return parsed
    }

    /// Input or output mappings from `camunda:inputOutput` or `zeebe:ioMapping`.
    mutating func mappings(
        _ camunda: [CamundaParameter], zeebe: [ZeebeMapping], _ node: FlowNode
    ) -> [VariableMapping] {
        var result: [VariableMapping] = []
        for parameter in camunda {
            result.append(
                VariableMapping(target: parameter.name, value: mappingValue(parameter.value, node, parameter.location)))
        }
        for mapping in zeebe {
            let source = mapping.source ?? "=null"
            let value: MappingValue =
                expression(source, "mapping to '\(mapping.target)'", of: node, at: mapping.location)
                .map { .expression($0) } ?? .null
            result.append(VariableMapping(target: mapping.target, value: value))
        }
        return result
    }

    private mutating func mappingValue(
        _ value: CamundaParameterValue, _ node: FlowNode, _ location: SourceLocation
    ) -> MappingValue {
        switch value {
        case .null:
            return .null
        case .text(let text):
            return expression(text, "parameter", of: node, at: location).map { .expression($0) } ?? .null
        case .list(let items):
            return .list(items.map { mappingValue($0, node, location) })
        case .map(let entries):
            return .map(entries.map { ($0.key, mappingValue($0.value, node, $0.location)) })
        case .script(let script):
            let format = script.scriptFormat?.lowercased() ?? ""
            guard let body = script.body, format == "juel" || format == "feel" else { return .null }
            let language: CompiledExpression.Language = format == "feel" ? .feel : .juel
            return parse(
                body, "script parameter", element: node.id, elementName: node.elementName, at: script.location,
                as: language
            ).map { .expression($0) } ?? .null
        }
    }
}
