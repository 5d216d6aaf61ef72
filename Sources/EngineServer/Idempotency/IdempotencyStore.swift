import Crypto
import Foundation
import HTTPTypes
import PostgresClient
import enum EngineStore.Hex

/// The `Idempotency-Key` record: the first request with a key runs and its response is stored; a repeat with the
/// same body gets that response again (header `Idempotent-Replayed: true`) and causes no second effect; a repeat
/// with another body gets 422; a repeat while the first still runs gets 409. A request that fails (4xx/5xx —
/// nothing was changed) frees its key, so it can be retried with the same key.
public struct IdempotencyStore: Sendable {
    /// The database.
    public let pool: PostgresPool

    /// Creates a store.
    public init(pool: PostgresPool) { self.pool = pool }

    /// Runs `handler` once per (user, key).
    func run(
        key: String, userID: String, request: APIRequest, handler: APIRouter.Handler
    ) async throws -> APIResponse {
        guard !key.isEmpty, key.count <= 255 else {
            throw RESTError.invalidRequest("The Idempotency-Key header must have 1 to 255 characters")
        }
        let method = request.method.rawValue
        let path = request.path
        let hash = Hex.encode(
            Array(SHA256.hash(data: Array((method + " " + path + "\n").utf8) + request.body)))
        let existing: (String, Int?, String?, [UInt8]?)? = try await pool.withConnection { connection in
            let inserted = try connection.execute(
                """
                INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, created_at)
                VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (user_id, key) DO NOTHING
                """, [.text(userID), .text(key), .text(method), .text(path), .text(hash)])
            if inserted == 1 { return nil }
            guard
                let row = try connection.query(
                    "SELECT request_hash, status, content_type, body FROM idempotency_keys WHERE user_id = $1 AND key = $2",
                    [.text(userID), .text(key)]
                ).first
            else { return nil }
            return (try row.decode("request_hash"), try row.decode("status"), try row.decode("content_type"),
                try row.decode("body"))
        }
        if let (storedHash, status, contentType, body) = existing {
            guard storedHash == hash else {
                throw RESTError(
                    .unprocessableContent, type: "InvalidRequestException",
                    message: "The Idempotency-Key '\(key)' was already used with a different request")
            }
            guard let status else {
                throw RESTError(
                    .conflict, type: "InvalidRequestException",
                    message: "A request with the Idempotency-Key '\(key)' is still in progress")
            }
            var headers: HTTPFields = [HTTPField.Name("Idempotent-Replayed")!: "true"]
            if let contentType { headers[.contentType] = contentType }
            return APIResponse(status: HTTPResponse.Status(code: status), headers: headers, body: body ?? [])
        }
        let response: APIResponse
        do {
            response = try await handler(request)
        } catch {
            _ = try? await pool.withConnection { connection in
                try connection.execute(
                    "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2", [.text(userID), .text(key)])
            }
            throw error
        }
        if response.status.code >= 400 {
            _ = try await pool.withConnection { connection in
                try connection.execute(
                    "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2", [.text(userID), .text(key)])
            }
            return response
        }
        _ = try await pool.withConnection { connection in
            try connection.execute(
                "UPDATE idempotency_keys SET status = $3, content_type = $4, body = $5 WHERE user_id = $1 AND key = $2",
                [
                    .text(userID), .text(key), .int(response.status.code),
                    response.headers[.contentType].map { .text($0) } ?? .null, .bytes(response.body),
                ])
        }
        return response
    }

    /// Forgets keys older than `hours`.
    public func purge(olderThanHours hours: Int) async throws -> Int {
        try await pool.withConnection { connection in
            try connection.execute(
                "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1::int)",
                [.int(hours)])
        }
    }
}
