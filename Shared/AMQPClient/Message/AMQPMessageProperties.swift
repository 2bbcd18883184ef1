/// The AMQP basic properties SpotJob sets and reads (see `docs/messages.md` for the envelope).
public struct AMQPMessageProperties: Sendable, Equatable {
    public var messageID: String?
    public var type: String?
    public var contentType: String?
    public var correlationID: String?
    public var appID: String?
    /// The broker user the sender says it is. RabbitMQ refuses a message whose `user_id` is not the
    /// user of the connection that publishes it (unless that user has the `impersonator` tag), so a
    /// consumer can trust it.
    public var userID: String?
    /// Whole seconds since 1970, as AMQP carries it: any 64-bit value a sender chose.
    public var timestamp: UInt64?
    public var headers: [String: AMQPHeaderValue]
    /// Whether the headers arrived nested deeper than ``AMQPHeaderValue/maximumDepth``; they were
    /// then not read, and ``headers`` is empty.
    public var headersTooDeep: Bool
    /// Persistent messages (delivery mode 2) survive a broker restart in durable queues.
    public var persistent: Bool

    public init(
        messageID: String? = nil, type: String? = nil, contentType: String? = nil,
        correlationID: String? = nil, appID: String? = nil, userID: String? = nil, timestamp: UInt64? = nil,
        headers: [String: AMQPHeaderValue] = [:], headersTooDeep: Bool = false, persistent: Bool = true
    ) {
        self.messageID = messageID
        self.type = type
        self.contentType = contentType
        self.correlationID = correlationID
        self.appID = appID
        self.userID = userID
        self.timestamp = timestamp
        self.headers = headers
        self.headersTooDeep = headersTooDeep
        self.persistent = persistent
    }
}
