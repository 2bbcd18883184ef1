import AMQPClient
import Foundation

/// The copy of a refused message sent to `spotjob.dead`, routed to the refusing service's
/// dead-letter queue, with why and where from in headers, so an operator can read and replay it.
public enum DeadLetter {
    public static let reasonHeader = "x-spotjob-reason"
    public static let originalExchangeHeader = "x-spotjob-original-exchange"
    public static let originalRoutingKeyHeader = "x-spotjob-original-routing-key"
    public static let serviceHeader = "x-spotjob-dead-lettered-by"
    public static let replayOfHeader = "x-spotjob-replay-of"

    /// `delivery` as a dead letter of `service` because of `reason`.
    public static func message(for delivery: Delivery, service: String, reason: String) -> OutgoingMessage {
        var properties = delivery.properties
        properties.persistent = true
        properties.headers[reasonHeader] = .string(String(reason.prefix(2000)))
        properties.headers[originalExchangeHeader] = .string(delivery.exchange)
        properties.headers[originalRoutingKeyHeader] = .string(delivery.routingKey)
        properties.headers[serviceHeader] = .string(service)
        return OutgoingMessage(
            exchange: SpotJobTopology.deadLetterExchange, routingKey: service, body: delivery.body,
            properties: properties)
    }

    /// The message to publish to replay a dead letter where it first went, without the
    /// dead-letter headers and under a new message id (the consumer's inbox remembers the old one
    /// as rejected); `x-spotjob-replay-of` keeps the old id. `nil` when the headers do not say
    /// where it came from.
    public static func replay(of delivery: Delivery) -> OutgoingMessage? {
        guard let exchange = delivery.properties.headers[originalExchangeHeader]?.stringValue,
              let routingKey = delivery.properties.headers[originalRoutingKeyHeader]?.stringValue
        else { return nil }
        var properties = delivery.properties
        for header in [reasonHeader, originalExchangeHeader, originalRoutingKeyHeader, serviceHeader] {
            properties.headers[header] = nil
        }
        if let original = properties.messageID { properties.headers[replayOfHeader] = .string(original) }
        properties.messageID = UUID.timeOrdered().uuidString.lowercased()
        return OutgoingMessage(exchange: exchange, routingKey: routingKey, body: delivery.body, properties: properties)
    }
}
