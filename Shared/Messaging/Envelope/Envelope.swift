import AMQPClient
import Foundation

/// A SpotJob message: the AMQP properties every service sets and reads, and a JSON body.
///
/// On the wire (see `docs/messages.md`): `message_id` (UUID), `type` (= routing key),
/// `content_type` `application/json`, `timestamp`, `correlation_id`, `app_id` (the producing
/// service), and headers `schema-version` and `causation-id` (the message id this one answers).
public struct Envelope: Sendable, Equatable {
    public var messageID: UUID
    public var type: String
    public var correlationID: String
    public var causationID: String?
    public var timestamp: Date
    public var producer: String
    public var schemaVersion: Int
    public var body: [UInt8]

    public init(
        messageID: UUID = .timeOrdered(), type: String, correlationID: String? = nil, causationID: String? = nil,
        timestamp: Date = Date(), producer: String, schemaVersion: Int = 1, body: [UInt8]
    ) {
        self.messageID = messageID
        self.type = type
        self.correlationID = correlationID ?? messageID.uuidString.lowercased()
        self.causationID = causationID
        self.timestamp = timestamp
        self.producer = producer
        self.schemaVersion = schemaVersion
        self.body = body
    }

    /// Reads the envelope of a delivery; the routing key stands in for a missing `type`.
    /// - Throws: ``EnvelopeError`` naming the property that is missing or malformed.
    public init(delivery: Delivery) throws(EnvelopeError) {
        let properties = delivery.properties
        guard let rawID = properties.messageID, !rawID.isEmpty else { throw .missing("message_id") }
        guard let messageID = UUID(uuidString: rawID) else { throw .malformed("message_id", "not a UUID") }
        let type = properties.type ?? delivery.routingKey
        guard !type.isEmpty else { throw .missing("type") }
        if let contentType = properties.contentType, !contentType.hasPrefix("application/json") {
            throw .malformed("content_type", "expected application/json")
        }
        var schemaVersion = 1
        if let header = properties.headers[Self.schemaVersionHeader] {
            guard let version = header.intValue ?? header.stringValue.flatMap({ Int64($0) }), version >= 1 else {
                throw .malformed(Self.schemaVersionHeader, "not a positive integer")
            }
            schemaVersion = Int(version)
        }
        self.init(
            messageID: messageID, type: type, correlationID: properties.correlationID,
            causationID: properties.headers[Self.causationHeader]?.stringValue,
            timestamp: properties.timestamp ?? Date(), producer: properties.appID ?? "unknown",
            schemaVersion: schemaVersion, body: delivery.body
        )
    }

    /// The message to publish on `exchange`, routed by ``type``.
    public func outgoing(exchange: String) -> OutgoingMessage {
        var headers: [String: AMQPHeaderValue] = [Self.schemaVersionHeader: .int(Int64(schemaVersion))]
        if let causationID { headers[Self.causationHeader] = .string(causationID) }
        return OutgoingMessage(
            exchange: exchange, routingKey: type, body: body,
            properties: AMQPMessageProperties(
                messageID: messageID.uuidString.lowercased(), type: type, contentType: "application/json",
                correlationID: correlationID, appID: producer, timestamp: timestamp, headers: headers
            )
        )
    }

    public static let schemaVersionHeader = "schema-version"
    public static let causationHeader = "causation-id"
}

/// Why a delivery is not a valid ``Envelope``.
public enum EnvelopeError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    case malformed(String, String)

    public var description: String {
        switch self {
        case .missing(let property): "the message has no \(property)"
        case .malformed(let property, let why): "\(property) is malformed: \(why)"
        }
    }
}
