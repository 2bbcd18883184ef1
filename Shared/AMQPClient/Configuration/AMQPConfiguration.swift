import Foundation

/// Where and how to reach a RabbitMQ broker, parsed from an `amqp://user:pass@host:port/vhost` URL.
public struct AMQPConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var virtualHost: String
    /// Heartbeat interval negotiated with the broker, in seconds (0 disables heartbeats).
    public var heartbeatSeconds: Int
    /// How long to wait for the TCP connection and login.
    public var connectTimeout: Duration
    /// Shown in the broker's management UI as `connection_name`; defaults to the service name.
    public var connectionName: String?

    public init(
        host: String, port: Int = 5672, user: String, password: String, virtualHost: String = "/",
        heartbeatSeconds: Int = 30, connectTimeout: Duration = .seconds(5), connectionName: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeatSeconds = heartbeatSeconds
        self.connectTimeout = connectTimeout
        self.connectionName = connectionName
    }

    /// Parses `amqp://user:pass@host:port/vhost`. User, password and vhost are percent-decoded; an
    /// empty path is the default vhost `/`. A `heartbeat` query item overrides ``heartbeatSeconds``.
    public init(url string: String) throws(AMQPError) {
        guard let components = URLComponents(string: string), components.scheme == "amqp",
              let host = components.host, !host.isEmpty
        else { throw .invalidURL("expected amqp://user:password@host:port/vhost") }
        guard let user = components.user, let password = components.password else {
            throw .invalidURL("the URL has no user and password")
        }
        var path = components.percentEncodedPath
        if path.hasPrefix("/") { path.removeFirst() }
        let vhost = path.isEmpty ? "/" : (path.removingPercentEncoding ?? path)
        self.init(
            host: host, port: components.port ?? 5672,
            user: user.removingPercentEncoding ?? user,
            password: password.removingPercentEncoding ?? password,
            virtualHost: vhost
        )
        if let heartbeat = components.queryItems?.first(where: { $0.name == "heartbeat" })?.value {
            guard let seconds = Int(heartbeat), seconds >= 0 else {
                throw .invalidURL("heartbeat must be a whole number of seconds")
            }
            heartbeatSeconds = seconds
        }
    }

    /// The URL without the password, for logs.
    public var redactedDescription: String {
        "amqp://\(user)@\(host):\(port)/\(virtualHost == "/" ? "" : virtualHost)"
    }
}
