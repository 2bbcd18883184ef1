import Foundation

/// Where RabbitMQ's management HTTP API is and who speaks to it: `http(s)://user:password@host:port`,
/// with `?cacertfile=PATH` naming the PEM bundle an `https` endpoint's certificate is verified against
/// (default: the system's trust store), as in SpotJob's `amqps://` URLs. Its description never shows
/// the password.
public struct ManagementEndpoint: Sendable, Equatable, CustomStringConvertible {
    public var useTLS: Bool
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var caFile: String?

    public init(useTLS: Bool, host: String, port: Int, user: String, password: String, caFile: String? = nil) {
        self.useTLS = useTLS
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.caFile = caFile
    }

    /// Reads a management URL. Errors name what is wrong, never the URL (it holds a password).
    public init(url: String) throws(ManagementError) {
        guard let components = URLComponents(string: url) else { throw .badURL("not a URL") }
        let useTLS: Bool
        switch components.scheme?.lowercased() {
        case "https": useTLS = true
        case "http": useTLS = false
        default: throw .badURL("the scheme must be http or https")
        }
        guard let host = components.host, !host.isEmpty else { throw .badURL("it names no host") }
        guard let user = components.user, !user.isEmpty, let password = components.password, !password.isEmpty else {
            throw .badURL("it needs the administrator's user and password (http(s)://user:password@host:port)")
        }
        guard components.path.isEmpty || components.path == "/" else { throw .badURL("it must have no path") }
        var caFile: String?
        for item in components.queryItems ?? [] {
            guard item.name == "cacertfile", let value = item.value, !value.isEmpty else {
                throw .badURL("the only query parameter is cacertfile=PATH")
            }
            caFile = value
        }
        guard caFile == nil || useTLS else { throw .badURL("cacertfile needs https") }
        self.init(
            useTLS: useTLS, host: host, port: components.port ?? (useTLS ? 15671 : 15672), user: user, password: password,
            caFile: caFile)
    }

    /// The HTTP Basic credentials of ``user`` and ``password``.
    var authorization: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    public var description: String {
        "\(useTLS ? "https" : "http")://\(user)@\(host):\(port)"
    }
}
