import AMQPClient
import BodyReading
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
    /// The kommunekode an event concerns, sent as the header `municipality` so the broker delivers
    /// it to that jobcenter's queue; `nil` when it concerns no one municipality. Set on what SpotJob
    /// emits; never read from what arrives, which says what it concerns in its body.
    public var municipality: String?
    /// Who published the message, from its `user_id` (which RabbitMQ checks against the
    /// connection's user): the sender a service may trust; `nil` when the sender set none.
    public var sender: Sender?
    public var body: [UInt8]

    public init(
        messageID: UUID = .timeOrdered(), type: String, correlationID: String? = nil, causationID: String? = nil,
        timestamp: Date = Date(), producer: String, schemaVersion: Int = 1, municipality: String? = nil,
        sender: Sender? = nil, body: [UInt8]
    ) {
        self.messageID = messageID
        self.type = type
        self.correlationID = correlationID ?? messageID.uuidString.lowercased()
        self.causationID = causationID
        self.timestamp = timestamp
        self.producer = producer
        self.schemaVersion = schemaVersion
        self.municipality = municipality
        self.sender = sender
        self.body = body
    }

    /// Reads the envelope of a delivery received at `receivedAt`.
    ///
    /// The message's type is its routing key, the one thing the broker checked against the
    /// sender's permissions; a `type` property that says otherwise is a forgery or a mistake. The
    /// properties SpotJob stores (`correlation_id`, `app_id`, the `causation-id` header) must be free of
    /// control characters, and the `timestamp` within `DateBounds.pastInstants(readAt:)`, like every
    /// instant of something that happened.
    /// - Throws: ``EnvelopeError`` naming the property that is missing or malformed; it never quotes
    ///   the value sent.
    public init(delivery: Delivery, receivedAt: Date = Date()) throws(EnvelopeError) {
        let properties = delivery.properties
        guard !properties.headersTooDeep else {
            throw .malformed("headers", "tables and arrays nest deeper than \(AMQPHeaderValue.maximumDepth) levels")
        }
        guard let rawID = properties.messageID, !rawID.isEmpty else { throw .missing("message_id") }
        guard let messageID = UUID(uuidString: rawID) else { throw .malformed("message_id", "not a UUID") }
        let type = delivery.routingKey
        guard !type.isEmpty else { throw .missing("type") }
        if let claimed = properties.type, claimed != type {
            throw .malformed("type", "differs from the routing key, which decides the message's type")
        }
        if let contentType = properties.contentType, !contentType.hasPrefix("application/json") {
            throw .malformed("content_type", "expected application/json")
        }
        let causationID = properties.headers[Self.causationHeader]?.stringValue
        for (name, value) in [("correlation_id", properties.correlationID), ("app_id", properties.appID),
                              (Self.causationHeader, causationID)] {
            if let value, value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw .malformed(name, "holds a control character")
            }
        }
        var timestamp = receivedAt
        if let seconds = properties.timestamp {
            let range = DateBounds.pastInstants(readAt: receivedAt)
            let sent = Date(timeIntervalSince1970: Double(seconds))
            guard range.contains(sent) else {
                throw .malformed("timestamp", "must lie between 2000-01-01 and one day after the message arrived")
            }
            timestamp = sent
        }
        var schemaVersion = 1
        if let header = properties.headers[Self.schemaVersionHeader] {
            guard let version = header.intValue ?? header.stringValue.flatMap({ Int64($0) }),
                  (1...Int64(Int32.max)).contains(version)
            else {
                throw .malformed(Self.schemaVersionHeader, "not a positive 32-bit integer")
            }
            schemaVersion = Int(version)
        }
        self.init(
            messageID: messageID, type: type, correlationID: properties.correlationID, causationID: causationID,
            timestamp: timestamp, producer: properties.appID ?? "unknown", schemaVersion: schemaVersion,
            sender: Sender(userID: properties.userID), body: delivery.body
        )
    }

    /// The message to publish on `exchange`, routed by ``type``.
    public func outgoing(exchange: String) -> OutgoingMessage {
        var headers: [String: AMQPHeaderValue] = [Self.schemaVersionHeader: .int(Int64(schemaVersion))]
        if let causationID { headers[Self.causationHeader] = .string(causationID) }
        if let municipality { headers[Self.municipalityHeader] = .string(municipality) }
        return OutgoingMessage(
            exchange: exchange, routingKey: type, body: body,
            properties: AMQPMessageProperties(
                messageID: messageID.uuidString.lowercased(), type: type, contentType: "application/json",
                correlationID: correlationID, appID: producer, timestamp: UInt64(exactly: timestamp.timeIntervalSince1970.rounded(.down)),
                headers: headers
            )
        )
    }

    public static let schemaVersionHeader = "schema-version"
    public static let causationHeader = "causation-id"
    public static let municipalityHeader = "municipality"
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
