import Expressions

/// The filter parameters of a list query, read the same way from a query string (GET) or a JSON body (POST):
/// lists are comma-separated or repeated keys (GET) or arrays (POST); booleans are `true`/`false`; dates use the
/// Camunda format. A value of the wrong type is a 400 naming the parameter.
public struct QueryFilters: Sendable {
    private let query: QueryString?
    private let body: JSON?

    /// Filters from a query string.
    public init(query: QueryString) {
        self.query = query
        self.body = nil
    }

    /// Filters from a JSON object.
    public init(body: JSON) {
        self.query = nil
        self.body = body
    }

    private func invalid(_ name: String, _ value: String, _ why: String) -> RESTError {
        .invalidRequest("Cannot set query parameter '\(name)' to value '\(value)': \(why)")
    }

    /// A text parameter.
    public func string(_ name: String) throws(RESTError) -> String? {
        if let query { return query.first(name) }
        guard let value = body?[name], !value.isNull else { return nil }
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: throw invalid(name, JSONWriter.string(value), "expected a string")
        }
    }

    /// A list parameter: comma-separated and/or repeated (GET), an array or a comma-separated string (POST).
    public func strings(_ name: String) throws(RESTError) -> [String]? {
        if let query {
            let values = query.all(name)
            guard !values.isEmpty else { return nil }
            return values.flatMap { $0.split(separator: ",").map(String.init) }
        }
        guard let value = body?[name], !value.isNull else { return nil }
        if let text = value.stringValue { return text.split(separator: ",").map(String.init) }
        guard let items = value.arrayValue else { throw invalid(name, JSONWriter.string(value), "expected an array") }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                throw invalid(name, JSONWriter.string(value), "expected an array of strings")
            }
            result.append(text)
        }
        return result
    }

    /// A boolean parameter (`true`/`false`).
    public func bool(_ name: String) throws(RESTError) -> Bool? {
        if let query {
            guard let text = query.first(name) else { return nil }
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: throw invalid(name, text, "expected true or false")
            }
        }
        guard let value = body?[name], !value.isNull else { return nil }
        if let flag = value.boolValue { return flag }
        if let text = value.stringValue?.lowercased(), text == "true" || text == "false" { return text == "true" }
        throw invalid(name, JSONWriter.string(value), "expected true or false")
    }

    /// Whether a flag parameter is exactly `true` (Camunda's rule for flags such as `?cascade`).
    public func flag(_ name: String) throws(RESTError) -> Bool { try bool(name) ?? false }

    /// An integer parameter.
    public func int(_ name: String) throws(RESTError) -> Int? {
        if let query {
            guard let text = query.first(name) else { return nil }
            guard let number = Int(text) else { throw invalid(name, text, "expected an integer") }
            return number
        }
        guard let value = body?[name], !value.isNull else { return nil }
        if let number = value.intValue { return Int(number) }
        if let text = value.stringValue, let number = Int(text) { return number }
        throw invalid(name, JSONWriter.string(value), "expected an integer")
    }

    /// A date parameter in the Camunda format.
    public func date(_ name: String) throws(RESTError) -> DateTime? {
        guard let text = try string(name) else { return nil }
        guard let date = CamundaDate.parse(text) else {
            throw invalid(name, text, "expected a date like 2025-10-06T16:34:42.000+0200")
        }
        return date
    }

    /// A raw JSON member (POST only; nil on GET).
    public func raw(_ name: String) -> JSON? { body?[name] }
}
