import Foundation

/// Where and how to reach a RabbitMQ broker, parsed from an `amqp://` or `amqps://` URL
/// (`amqps://user:pass@host:port/vhost`).
public struct AMQPConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var virtualHost: String
    /// Heartbeat interval negotiated with the broker, in seconds (0 disables heartbeats).
    public var heartbeatSeconds: Int
    /// How long to wait for the TCP connection, the TLS handshake and login.
    public var connectTimeout: Duration
    /// Shown in the broker's management UI as `connection_name`; defaults to the service name.
    public var connectionName: String?
    /// TLS (`amqps://`), or `nil` for a plain connection (`amqp://`, loopback only in SpotJob).
    public var tls: TLS?

    /// How the broker is trusted. Its certificate chain and its host name (``AMQPConfiguration/host``)
    /// are always verified; nothing turns that off.
    public struct TLS: Sendable, Equatable {
        /// A PEM bundle of the certificate authorities to trust, or `nil` for the system's trust store.
        public var caFile: String?

        public init(caFile: String? = nil) {
            self.caFile = caFile
        }
    }

    public init(
        host: String, port: Int? = nil, user: String, password: String, virtualHost: String = "/",
        heartbeatSeconds: Int = 30, connectTimeout: Duration = .seconds(5), connectionName: String? = nil, tls: TLS? = nil
    ) {
        self.host = host
        self.port = port ?? (tls == nil ? 5672 : 5671)
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeatSeconds = heartbeatSeconds
        self.connectTimeout = connectTimeout
        self.connectionName = connectionName
        self.tls = tls
    }

    /// The variable naming the PEM bundle of certificate authorities an `amqps://` URL trusts when
    /// the URL has no `cacertfile` of its own.
    public static let caFileVariable = "AMQP_CA_FILE"

    /// Parses `amqp://user:pass@host:port/vhost` or `amqps://…` (default ports 5672 and 5671). User,
    /// password and vhost are percent-decoded; an empty path is the default vhost `/`. Query items:
    /// `heartbeat` (seconds) overrides ``heartbeatSeconds``; `cacertfile` names the CA bundle of an
    /// `amqps://` URL, else `AMQP_CA_FILE` in `environment` does, else the system's trust store is used.
    public init(url string: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(AMQPError) {
        guard let components = URLComponents(string: string), components.scheme == "amqp" || components.scheme == "amqps",
              let host = components.host, !host.isEmpty
        else { throw .invalidURL("expected amqp:// or amqps://user:password@host:port/vhost") }
        guard let user = components.user, let password = components.password else {
            throw .invalidURL("the URL has no user and password")
        }
        var path = components.percentEncodedPath
        if path.hasPrefix("/") { path.removeFirst() }
        let vhost = path.isEmpty ? "/" : (path.removingPercentEncoding ?? path)
        func query(_ name: String) -> String? { components.queryItems?.first { $0.name == name }?.value }
        var tls: TLS?
        if components.scheme == "amqps" {
            let caFile = query("cacertfile") ?? environment[Self.caFileVariable].flatMap { $0.isEmpty ? nil : $0 }
            tls = TLS(caFile: caFile)
        } else if query("cacertfile") != nil {
            throw .invalidURL("cacertfile is for amqps:// URLs")
        }
        self.init(
            host: host, port: components.port,
            user: user.removingPercentEncoding ?? user,
            password: password.removingPercentEncoding ?? password,
            virtualHost: vhost, tls: tls
        )
        if let heartbeat = query("heartbeat") {
            guard let seconds = Int(heartbeat), seconds >= 0 else {
                throw .invalidURL("heartbeat must be a whole number of seconds")
            }
            heartbeatSeconds = seconds
        }
    }

    /// The URL without the password, for logs.
    public var redactedDescription: String {
        "\(tls == nil ? "amqp" : "amqps")://\(user)@\(host):\(port)/\(virtualHost == "/" ? "" : virtualHost)"
    }
}
