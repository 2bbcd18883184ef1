import Foundation

/// An event a handler emits. It is written to the service's outbox in the transaction of the state
/// change and published by the ``OutboxRelay`` after commit.
public struct OutboxEvent: Sendable, Equatable {
    public var envelope: Envelope

    /// - Parameters:
    ///   - type: the routing key, e.g. `opening.registered`.
    ///   - payload: the JSON body.
    ///   - cause: the envelope being handled: its correlation id is carried on and its message id
    ///     becomes the causation id.
    public init<Payload: Encodable>(
        type: String, payload: Payload, producer: String, cause: Envelope? = nil, schemaVersion: Int = 1
    ) throws {
        envelope = Envelope(
            type: type, correlationID: cause?.correlationID,
            causationID: cause?.messageID.uuidString.lowercased(), producer: producer,
            schemaVersion: schemaVersion, body: try JSONCoding.encoder.encode(payload)
        )
    }
}

/// The JSON settings of the bodies SpotJob emits: RFC 3339 dates in UTC, sorted keys.
public enum JSONCoding {
    /// The encoder of event bodies: compact, and byte for byte what ``makeEncoder(prettyPrinted:)``
    /// writes, only faster.
    public static let encoder = EventJSONEncoder()

    /// A new Foundation encoder with SpotJob's settings, e.g. pretty-printed for people.
    public static func makeEncoder(prettyPrinted: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if prettyPrinted { encoder.outputFormatting.insert(.prettyPrinted) }
        return encoder
    }
}

/// RFC 3339 timestamps in UTC with milliseconds, as SpotJob writes them.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
