import JSON

/// Calls RabbitMQ's management HTTP API at an endpoint: one connection per call, the answer's
/// status checked against what the call expects. It logs nothing; its errors name the call and the
/// status, never the credentials or a body.
public struct ManagementClient: Sendable {
    public let endpoint: ManagementEndpoint

    public init(endpoint: ManagementEndpoint) {
        self.endpoint = endpoint
    }

    /// Sends `request` and returns the answer when its status is one `request` expects.
    @discardableResult
    public func send(_ request: ManagementRequest) async throws -> ManagementResponse {
        let response = try await HTTPExchange.perform(request, at: endpoint)
        guard request.success.contains(response.status) else {
            throw ManagementError.refused(action: request.action, status: response.status)
        }
        return response
    }

    /// The JSON answer of `request`, or `nil` when the API answered 404 (and `request` allows it).
    public func json(_ request: ManagementRequest) async throws -> JSONValue? {
        let response = try await send(request)
        guard response.status != 404 else { return nil }
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw ManagementError.malformedResponse(action: request.action)
        }
    }
}
