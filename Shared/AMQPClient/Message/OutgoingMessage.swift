/// A message to publish: where it goes and what it carries.
public struct OutgoingMessage: Sendable, Equatable {
    public var exchange: String
    public var routingKey: String
    public var body: [UInt8]
    public var properties: AMQPMessageProperties

    public init(exchange: String, routingKey: String, body: [UInt8], properties: AMQPMessageProperties = .init()) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.body = body
        self.properties = properties
    }
}
