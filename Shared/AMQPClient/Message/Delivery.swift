/// A message the broker delivered to a consumer, not yet settled.
///
/// Settle it with ``AMQPConsumer/ack(_:)``, ``AMQPConsumer/requeue(_:)`` or
/// ``AMQPConsumer/reject(_:)``. A delivery belongs to one connection (its ``generation``): after a
/// reconnect the broker redelivers it with a new tag and settling the old one does nothing.
public struct Delivery: Sendable, Equatable {
    public var deliveryTag: UInt64
    /// Counts the consumer's connections; tags are only meaningful on the connection they came from.
    public var generation: Int
    public var exchange: String
    public var routingKey: String
    public var redelivered: Bool
    public var body: [UInt8]
    public var properties: AMQPMessageProperties

    public init(
        deliveryTag: UInt64, generation: Int, exchange: String, routingKey: String, redelivered: Bool,
        body: [UInt8], properties: AMQPMessageProperties
    ) {
        self.deliveryTag = deliveryTag
        self.generation = generation
        self.exchange = exchange
        self.routingKey = routingKey
        self.redelivered = redelivered
        self.body = body
        self.properties = properties
    }
}
