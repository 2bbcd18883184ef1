import Foundation

/// The JSON settings of the bodies SpotJob emits: RFC 3339 dates in UTC, sorted keys.
///
/// Message bodies are written by ``encoder`` and read by ``JSONParser``; Foundation's coders
/// (``makeEncoder(prettyPrinted:)``) serve only where speed does not matter: the CLI's `--json`
/// output, the health endpoint, and as the reference the tests compare ``EventJSONEncoder`` with.
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
}
