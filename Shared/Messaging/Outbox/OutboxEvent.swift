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
            schemaVersion: schemaVersion, body: Array(try JSONCoding.encoder.encode(payload))
        )
    }
}

/// The JSON settings of SpotJob's message bodies: ISO 8601 dates in UTC, sorted keys.
public enum JSONCoding {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 timestamp")
            }
            return date
        }
        return decoder
    }()
}

/// RFC 3339 timestamps in UTC with milliseconds, as SpotJob writes them.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Parses RFC 3339 with or without fractional seconds, `Z` or an offset.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
