import AMQPClient
import Foundation

/// The copy of a refused message sent to `spotjob.dead`, routed to the refusing service's
/// dead-letter queue, with why and where from in headers, so an operator can read and replay it.
/// A service that seals bodies (``RejectionPolicy/sealer``) dead-letters the body sealed, with the
/// key's id in `x-spotjob-sealed-body`: a refused profile's CPR number never sits in a queue in
/// plain text. A replay opens it.
public enum DeadLetter {
    public static let reasonHeader = "x-spotjob-reason"
    public static let originalExchangeHeader = "x-spotjob-original-exchange"
    public static let originalRoutingKeyHeader = "x-spotjob-original-routing-key"
    public static let serviceHeader = "x-spotjob-dead-lettered-by"
    public static let replayOfHeader = "x-spotjob-replay-of"
    public static let sealedBodyHeader = "x-spotjob-sealed-body"
    /// The refused message's `user_id`: the dead letter is published by the service's own user,
    /// which the broker would refuse to send under another; a replay restores it.
    public static let originalSenderHeader = "x-spotjob-original-user-id"

    /// `delivery` as a dead letter of `service` because of `reason`, its body sealed by `sealer` if given.
    public static func message(
        for delivery: Delivery, service: String, reason: String, sealer: (any BodySealer)? = nil
    ) throws -> OutgoingMessage {
        var properties = delivery.properties
        var body = delivery.body
        if let sealer {
            let sealed = try sealer.seal(body)
            body = sealed.bytes
            properties.headers[sealedBodyHeader] = .string(sealed.keyID)
        }
        properties.persistent = true
        properties.headers[reasonHeader] = .string(String(reason.prefix(2000)))
        properties.headers[originalExchangeHeader] = .string(delivery.exchange)
        properties.headers[originalRoutingKeyHeader] = .string(delivery.routingKey)
        properties.headers[serviceHeader] = .string(service)
        if let sender = properties.userID { properties.headers[originalSenderHeader] = .string(sender) }
        properties.userID = nil
        return OutgoingMessage(
            exchange: SpotJobTopology.deadLetterExchange, routingKey: service, body: body,
            properties: properties)
    }

    /// The message to publish to replay a dead letter where it first went, without the
    /// dead-letter headers and under a new message id (the consumer's inbox remembers the old one
    /// as rejected); `x-spotjob-replay-of` keeps the old id, and the original sender is restored as
    /// its `user_id` (which the broker allows the administrator alone, tagged `impersonator`). A sealed
    /// body is opened with `sealer`. `nil` when the headers do not say where it came from.
    public static func replay(of delivery: Delivery, sealer: (any BodySealer)? = nil) throws -> OutgoingMessage? {
        guard let exchange = delivery.properties.headers[originalExchangeHeader]?.stringValue,
              let routingKey = delivery.properties.headers[originalRoutingKeyHeader]?.stringValue
        else { return nil }
        var body = delivery.body
        if delivery.properties.headers[sealedBodyHeader] != nil {
            guard let sealer else { throw SealedBodyError.noKeys }
            body = try sealer.open(body)
        }
        var properties = delivery.properties
        properties.userID = properties.headers[originalSenderHeader]?.stringValue
        for header in [reasonHeader, originalExchangeHeader, originalRoutingKeyHeader, serviceHeader, sealedBodyHeader,
                       originalSenderHeader] {
            properties.headers[header] = nil
        }
        if let original = properties.messageID { properties.headers[replayOfHeader] = .string(original) }
        properties.messageID = UUID.timeOrdered().uuidString.lowercased()
        return OutgoingMessage(exchange: exchange, routingKey: routingKey, body: body, properties: properties)
    }
}

/// A sealed dead letter cannot be replayed without the keys that open it.
public enum SealedBodyError: Error, CustomStringConvertible {
    case noKeys

    public var description: String {
        "the body is sealed: replaying it needs the service's keys (for matching CPR_ENCRYPTION_KEY[_FILE])"
    }
}
