/// One part of a `multipart/form-data` body.
public struct MultipartPart: Sendable, Hashable {
    /// The `name` of its `Content-Disposition`.
    public var name: String
    /// The `filename`, when the part is a file.
    public var filename: String?
    /// Its `Content-Type`, when given.
    public var contentType: String?
    /// The bytes.
    public var content: [UInt8]

    /// The content as UTF-8 text.
    public var text: String { String(decoding: content, as: UTF8.self) }
}

/// A strict `multipart/form-data` parser (RFC 7578 over RFC 2046): the boundary comes from the Content-Type, every
/// delimiter line and header line ends in CRLF, every part has a `Content-Disposition: form-data` header with a
/// `name`, and the body ends with the close delimiter. Anything else is a 400 that says what is wrong and where.
public enum MultipartParser {
    /// The boundary of a `multipart/form-data` content type.
    public static func boundary(contentType: String?) throws(RESTError) -> String {
        guard let contentType, !contentType.isEmpty else {
            throw .invalidRequest("The request has no Content-Type: expected multipart/form-data with a boundary")
        }
        let (type, parameters) = try HeaderValue.parse(contentType, header: "Content-Type")
        guard type.lowercased() == "multipart/form-data" else {
            throw .invalidRequest("Expected Content-Type multipart/form-data, not '\(type)'")
        }
        guard let boundary = parameters["boundary"], !boundary.isEmpty else {
            throw .invalidRequest("The multipart/form-data Content-Type has no boundary parameter")
        }
        guard boundary.utf8.count <= 70, !boundary.hasSuffix(" ") else {
            throw .invalidRequest("The multipart boundary must have 1 to 70 characters and not end in a space")
        }
        return boundary
    }

    /// Parses a body into its parts, in order.
    public static func parse(_ body: [UInt8], boundary: String) throws(RESTError) -> [MultipartPart] {
        let dashBoundary = Array(("--" + boundary).utf8)
        let delimiter = [0x0D, 0x0A] + dashBoundary
        // The first delimiter: at the very start, or after a preamble ending in CRLF.
        var position: Int
        if body.starts(with: dashBoundary) {
            position = dashBoundary.count
        } else if let found = search(delimiter, in: body, from: 0) {
            position = found + delimiter.count
        } else {
            throw .invalidRequest("The multipart body does not contain the boundary '\(boundary)'")
        }
        var parts: [MultipartPart] = []
        while true {
            if body[position...].starts(with: [0x2D, 0x2D]) { return parts }  // "--": the close delimiter
            var lineEnd = position
            while lineEnd < body.count, body[lineEnd] == 0x20 || body[lineEnd] == 0x09 { lineEnd += 1 }  // padding
            guard body[lineEnd...].starts(with: [0x0D, 0x0A]) else {
                throw .invalidRequest(
                    "Multipart part \(parts.count + 1): the boundary line must end in CRLF (byte \(position))")
            }
            let headerStart = lineEnd + 2
            guard let headerEnd = search([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: headerStart - 2) else {
                throw .invalidRequest("Multipart part \(parts.count + 1): its headers do not end in an empty line")
            }
            let headers = headerEnd + 2 > headerStart ? Array(body[headerStart..<headerEnd + 2]) : []
            let contentStart = headerEnd + 4
            guard let contentEnd = search(delimiter, in: body, from: contentStart) else {
                throw .invalidRequest(
                    "Multipart part \(parts.count + 1) is not closed: the body ends without the delimiter "
                        + "'--\(boundary)--'")
            }
            var part = try self.part(headers: headers, number: parts.count + 1)
            part.content = contentEnd > contentStart ? Array(body[contentStart..<contentEnd]) : []
            parts.append(part)
            position = contentEnd + delimiter.count
            guard position < body.count else {
                throw .invalidRequest("The multipart body ends without the close delimiter '--\(boundary)--'")
            }
        }
    }

    private static func part(headers bytes: [UInt8], number: Int) throws(RESTError) -> MultipartPart {
        var disposition: String?
        var contentType: String?
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else {
                throw .invalidRequest("Multipart part \(number): malformed header line '\(line.prefix(80))'")
            }
            let name = line[..<colon].trimmingCharacters(in: " \t").lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            switch name {
            case "content-disposition": disposition = value
            case "content-type": contentType = value
            default: continue
            }
        }
        guard let disposition else {
            throw .invalidRequest("Multipart part \(number) has no Content-Disposition header")
        }
        let (type, parameters) = try HeaderValue.parse(disposition, header: "Content-Disposition of part \(number)")
        guard type.lowercased() == "form-data" else {
            throw .invalidRequest("Multipart part \(number): Content-Disposition must be form-data, not '\(type)'")
        }
        guard let name = parameters["name"], !name.isEmpty else {
            throw .invalidRequest("Multipart part \(number): its Content-Disposition has no name")
        }
        let filename = parameters["filename*"].flatMap(HeaderValue.extendedValue) ?? parameters["filename"]
        return MultipartPart(name: name, filename: filename, contentType: contentType, content: [])
    }

    /// The index of the first occurrence of `needle` in `haystack` at or after `start`.
    static func search(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = max(0, start)
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// A header value with parameters: `type; name="value"; other=token` (RFC 7231 §3.1.1.1, quoted strings with
/// backslash escapes).
enum HeaderValue {
    static func parse(_ text: String, header: String) throws(RESTError) -> (String, [String: String]) {
        let characters = Array(text)
        var index = 0
        func skipSpace() {
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        }
        var value = ""
        while index < characters.count, characters[index] != ";" {
            value.append(characters[index])
            index += 1
        }
        var parameters: [String: String] = [:]
        while index < characters.count {
            index += 1  // ';'
            skipSpace()
            if index >= characters.count { break }
            var name = ""
            while index < characters.count, characters[index] != "=", characters[index] != ";" {
                name.append(characters[index])
                index += 1
            }
            name = name.trimmingCharacters(in: " \t").lowercased()
            guard index < characters.count, characters[index] == "=", !name.isEmpty else {
                throw .invalidRequest("\(header): parameter '\(name)' has no value")
            }
            index += 1
            skipSpace()
            var parameter = ""
            if index < characters.count, characters[index] == "\"" {
                index += 1
                var closed = false
                while index < characters.count {
                    let character = characters[index]
                    index += 1
                    if character == "\\", index < characters.count {
                        parameter.append(characters[index])
                        index += 1
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        parameter.append(character)
                    }
                }
                guard closed else { throw .invalidRequest("\(header): the quoted value of '\(name)' is not closed") }
                skipSpace()
                guard index >= characters.count || characters[index] == ";" else {
                    throw .invalidRequest("\(header): unexpected text after the quoted value of '\(name)'")
                }
            } else {
                while index < characters.count, characters[index] != ";" {
                    parameter.append(characters[index])
                    index += 1
                }
                parameter = parameter.trimmingCharacters(in: " \t")
            }
            guard parameters[name] == nil else { throw .invalidRequest("\(header): parameter '\(name)' is repeated") }
            parameters[name] = parameter
        }
        return (value.trimmingCharacters(in: " \t"), parameters)
    }

    /// An RFC 5987 extended value `UTF-8''na%C3%AFve.bpmn` → `naïve.bpmn` (nil when malformed).
    static func extendedValue(_ text: String) -> String? {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        var bytes: [UInt8] = []
        var iterator = Array(pieces[2].utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
