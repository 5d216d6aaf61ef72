import Expressions

/// Converts between engine values and Camunda's variable DTO `{"value", "type", "valueInfo"}` (contract §1.5 and
/// the untyped-input rule of §1.6).
public enum VariableCodec {
    /// The DTO of a value. Lists and maps are `Object` values in JSON format, returned as native JSON when
    /// `deserialize` is true and as serialized text otherwise.
    public static func dto(_ value: Value, deserialize: Bool = true) -> JSON {
        func plain(_ type: String, _ json: JSON) -> JSON {
            .object([("type", .string(type)), ("value", json), ("valueInfo", .object([]))])
        }
        switch value {
        case .null: return plain("Null", .null)
        case .bool(let flag): return plain("Boolean", .bool(flag))
        case .integer(let number): return plain(Int32(exactly: number) == nil ? "Long" : "Integer", .int(Int64(number)))
        case .decimal(let number): return plain("Double", .double(number))
        case .string(let text): return plain("String", .string(text))
        case .dateTime(let date): return plain("Date", .string(CamundaDate.format(date)))
        case .duration: return plain("String", json(value))
        case .list, .map:
            let typeName = if case .list = value { "java.util.ArrayList" } else { "java.util.LinkedHashMap" }
            let native = json(value)
            return .object([
                ("type", .string("Object")),
                ("value", deserialize ? native : .string(JSONWriter.string(native))),
                (
                    "valueInfo",
                    .object([
                        ("objectTypeName", .string(typeName)), ("serializationDataFormat", .string("application/json")),
                    ])
                ),
            ])
        }
    }

    /// A map of variables as `{name: DTO}`, sorted by name.
    public static func dtoMap(_ variables: [String: Value], deserialize: Bool = true) -> JSON {
        .object(variables.sorted { $0.key < $1.key }.map { ($0.key, dto($0.value, deserialize: deserialize)) })
    }

    /// Reads `{name: DTO}`; `field` names the body field in errors. A missing or null map is empty.
    public static func values(_ json: JSON?, field: String = "variables") throws(RESTError) -> [String: Value] {
        guard let json, !json.isNull else { return [:] }
        guard let pairs = json.objectValue else {
            throw .invalidRequest("'\(field)' must be an object of variables, not \(json.kindDescription)")
        }
        var result: [String: Value] = [:]
        for (name, dto) in pairs { result[name] = try value(dto, name: name) }
        return result
    }

    /// Reads one DTO. Untyped values get their type from the JSON value (§1.6).
    public static func value(_ dto: JSON, name: String) throws(RESTError) -> Value {
        guard dto.objectValue != nil else {
            throw .invalidRequest("Variable '\(name)' must be an object with 'value' and 'type', not \(dto.kindDescription)")
        }
        let raw = dto["value"] ?? .null
        guard let typeJSON = dto["type"], !typeJSON.isNull else { return value(raw) }
        guard let given = typeJSON.stringValue else {
            throw .invalidRequest("Variable '\(name)': 'type' must be a string")
        }
        let type = given.prefix(1).uppercased() + given.dropFirst()
        func fail(_ reason: String) -> RESTError {
            .invalidRequest("Cannot put \(type) value '\(describe(raw))' for variable '\(name)': \(reason)")
        }
        if raw.isNull, type != "Bytes", type != "File" { return .null }
        switch type {
        case "Null": return .null
        case "String":
            switch raw {
            case .string(let text): return .string(text)
            case .int, .double, .bool: return .string(describe(raw))
            default: throw fail("a String must be a JSON string")
            }
        case "Boolean":
            if let flag = raw.boolValue { return .bool(flag) }
            if let text = raw.stringValue?.lowercased(), text == "true" || text == "false" { return .bool(text == "true") }
            throw fail("not a boolean")
        case "Integer", "Short", "Long":
            let number: Int64? = raw.intValue ?? raw.stringValue.flatMap { Int64($0) }
            guard let number else { throw fail("not an integer") }
            let limits: ClosedRange<Int64> =
                switch type {
                case "Short": Int64(Int16.min)...Int64(Int16.max)
                case "Integer": Int64(Int32.min)...Int64(Int32.max)
                default: Int64.min...Int64.max
                }
            guard limits.contains(number) else { throw fail("out of range for \(type)") }
            return .integer(Int(number))
        case "Double":
            switch raw {
            case .int(let number): return .decimal(Double(number))
            case .double(let number): return .decimal(number)
            case .string(let text): if let number = Double(text) { return .decimal(number) }
            default: break
            }
            throw fail("not a number")
        case "Date":
            guard let text = raw.stringValue, let date = CamundaDate.parse(text) else {
                throw fail("a Date must be a string like 2025-10-06T16:34:42.000+0200")
            }
            return .dateTime(date)
        case "Json":
            guard let text = raw.stringValue else { throw fail("a Json value must be a string holding JSON text") }
            do {
                return value(try JSONParser.parse(Array(text.utf8)))
            } catch {
                throw fail("the text is not JSON (\(error))")
            }
        case "Object":
            let format = dto["valueInfo"]?["serializationDataFormat"]?.stringValue ?? "application/json"
            guard format == "application/json" else {
                throw fail("only the application/json serialization format is supported, not \(format)")
            }
            if let text = raw.stringValue {
                do {
                    return value(try JSONParser.parse(Array(text.utf8)))
                } catch {
                    throw fail("the serialized value is not JSON (\(error))")
                }
            }
            return value(raw)
        case "Bytes", "File":
            throw fail("binary variables (Bytes, File) are not supported by Baton")
        default:
            throw .invalidRequest("Unsupported value type '\(given)' for variable '\(name)'")
        }
    }

    /// An untyped JSON value as an engine value.
    public static func value(_ json: JSON) -> Value {
        switch json {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .integer(Int(number))
        case .double(let number): .decimal(number)
        case .string(let text): .string(text)
        case .array(let values): .list(values.map(value))
        case .object(let pairs): .map(Dictionary(pairs.map { ($0.0, value($0.1)) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// An engine value as plain JSON (dates in the Camunda format, durations as ISO text).
    public static func json(_ value: Value) -> JSON {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .int(Int64(number))
        case .decimal(let number): .double(number)
        case .string(let text): .string(text)
        case .dateTime(let date): .string(CamundaDate.format(date))
        case .duration(let duration): .string(duration.iso8601)
        case .list(let values): .array(values.map(json))
        case .map(let entries): .object(entries.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
        }
    }

    private static func describe(_ raw: JSON) -> String {
        switch raw {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        default: JSONWriter.string(raw)
        }
    }
}
