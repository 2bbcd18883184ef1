import Foundation

/// The JSON settings of the bodies SpotJob emits: RFC 3339 dates in UTC, sorted keys, UUIDs in
/// lower case.
///
/// Message bodies are written by ``encoder`` and read by ``JSONParser``; Foundation's coders
/// (``makeEncoder(prettyPrinted:)``, ``makeDecoder()``) serve only where speed does not matter: the
/// health endpoint, timer payloads, tests, and as the reference the tests compare
/// ``EventJSONEncoder`` with.
public enum JSONCoding {
    /// The encoder of event bodies: compact, and byte for byte what ``makeEncoder(prettyPrinted:)``
    /// writes, only faster, except that it writes UUIDs in lower case.
    public static let encoder = EventJSONEncoder()

    /// `value` as ``encoder`` writes it, indented for people (the CLI's `--json`): keys sorted, UUIDs
    /// in lower case.
    public static func prettyPrinted(_ value: some Encodable) throws -> [UInt8] {
        let object = try JSONSerialization.jsonObject(with: Data(try encoder.encode(value)), options: .fragmentsAllowed)
        return Array(try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]))
    }

    /// A new Foundation encoder with SpotJob's settings but Foundation's upper-case UUIDs: the
    /// reference the encoder tests compare ``encoder`` with.
    public static func makeEncoder(prettyPrinted: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if prettyPrinted { encoder.outputFormatting.insert(.prettyPrinted) }
        return encoder
    }

    /// A new Foundation decoder that reads what the encoders write: dates as RFC 3339 text.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 timestamp")
            }
            return date
        }
        return decoder
    }
}
