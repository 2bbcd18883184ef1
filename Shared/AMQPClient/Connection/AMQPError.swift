/// What can go wrong talking to the broker. Every case but ``invalidURL`` and ``nacked`` means the
/// connection is gone: the client discards it and the next call connects again.
public enum AMQPError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    /// TCP connect, login or channel open failed.
    case connectionFailed(String)
    /// The socket failed or timed out while in use.
    case connectionLost(String)
    /// The broker closed the channel or connection, e.g. `403 ACCESS_REFUSED` or `404 NOT_FOUND`.
    case closedByBroker(code: Int, text: String)
    /// The broker refused to take responsibility for this many messages of a publish.
    case nacked(count: Int)

    public var description: String {
        switch self {
        case .invalidURL(let why): "invalid AMQP URL: \(why)"
        case .connectionFailed(let why): "could not connect to the broker: \(why)"
        case .connectionLost(let why): "lost the broker connection: \(why)"
        case .closedByBroker(let code, let text): "the broker closed the channel: \(code) \(text)"
        case .nacked(let count): "the broker nacked \(count) message(s)"
        }
    }

    /// The broker refused an operation for lack of permission (reply code 403).
    public var isAccessRefused: Bool {
        if case .closedByBroker(403, _) = self { return true }
        return false
    }
}
