import Foundation

/// The JSON settings of the bodies SpotJob emits: RFC 3339 dates in UTC, sorted keys.
///
/// Message bodies are written by ``encoder`` and read by ``JSONParser``; Foundation's coders
/// (``makeEncoder(prettyPrinted:)``, ``makeDecoder()``) serve only where speed does not matter: the
/// CLI's `--json` output, the health endpoint, timer payloads, tests, and as the reference the tests
/// compare ``EventJSONEncoder`` with.
public enum JSONCoding {
    /// The encoder of event bodies: compact, and byte for byte what ``makeEncoder(prettyPrinted:)``
    /// writes, only faster.
    public static let encoder = EventJSONEncoder()

    /// A new Foundation encoder with SpotJob's settings, e.g. pretty-printed for people.
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
