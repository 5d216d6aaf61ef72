import HTTPTypes
import Hummingbird
import NIOCore

/// What a route answers: a status, headers and bytes.
public struct APIResponse: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// The headers (content type included).
    public var headers: HTTPFields
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON body.
    public static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> APIResponse {
        APIResponse(status: status, headers: [.contentType: "application/json"], body: JSONWriter.bytes(value))
    }

    /// `{"count": n}`.
    public static func count(_ count: Int) -> APIResponse { .json(.object([("count", .int(Int64(count)))])) }

    /// 204 No Content.
    public static var noContent: APIResponse { APIResponse(status: .noContent) }

    /// A plain-text body.
    public static func text(_ text: String, status: HTTPResponse.Status = .ok) -> APIResponse {
        APIResponse(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// Raw bytes with a content type.
    public static func bytes(_ bytes: [UInt8], contentType: String) -> APIResponse {
        APIResponse(status: .ok, headers: [.contentType: contentType], body: bytes)
    }

    /// The Hummingbird response.
    var response: Response {
        var headers = headers
        headers[.contentLength] = String(body.count)
        if body.isEmpty { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The response for an error.
    static func error(_ error: RESTError) -> APIResponse {
        if error.status == .unauthorized {
            return APIResponse(status: .unauthorized, headers: error.headers)
        }
        var response = APIResponse.json(error.body, status: error.status)
        for field in error.headers { response.headers.append(field) }
        return response
    }
}
