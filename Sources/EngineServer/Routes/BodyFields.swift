import EngineRuntime

/// Typed reads of JSON body fields for the operation routes: a missing or null field is nil, a field of the wrong
/// type is a 400 naming it.
enum BodyFields {
    /// A text field.
    static func string(_ body: JSON, _ name: String) throws(RESTError) -> String? {
        guard let value = body[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw .invalidRequest("'\(name)' must be a string, not \(value.kindDescription)")
        }
        return text
    }

    /// A whole-number field (a numeric string is accepted too).
    static func int(_ body: JSON, _ name: String) throws(RESTError) -> Int64? {
        guard let value = body[name], !value.isNull else { return nil }
        if let number = value.intValue { return number }
        if let text = value.stringValue, let number = Int64(text) { return number }
        throw .invalidRequest("'\(name)' must be a whole number, not \(value.kindDescription)")
    }

    /// A boolean field (`"true"`/`"false"` texts are accepted too).
    static func bool(_ body: JSON, _ name: String) throws(RESTError) -> Bool? {
        guard let value = body[name], !value.isNull else { return nil }
        if let flag = value.boolValue { return flag }
        if let text = value.stringValue?.lowercased(), text == "true" || text == "false" { return text == "true" }
        throw .invalidRequest("'\(name)' must be true or false, not \(value.kindDescription)")
    }

    /// A list of texts (null → nil).
    static func strings(_ body: JSON, _ name: String) throws(RESTError) -> [String]? {
        guard let value = body[name], !value.isNull else { return nil }
        guard let items = value.arrayValue else {
            throw .invalidRequest("'\(name)' must be an array of strings, not \(value.kindDescription)")
        }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                throw .invalidRequest("'\(name)' must be an array of strings, not \(value.kindDescription)")
            }
            result.append(text)
        }
        return result
    }

    /// A required text field.
    static func required(_ body: JSON, _ name: String) throws(RESTError) -> String {
        guard let text = try string(body, name), !text.isEmpty else { throw .invalidRequest("'\(name)' is required") }
        return text
    }

    /// The query page of a request.
    static func page(_ request: APIRequest) throws(RESTError) -> QueryPage {
        let paging = try request.paging()
        return QueryPage(firstResult: paging.firstResult, maxResults: paging.maxResults)
    }
}
