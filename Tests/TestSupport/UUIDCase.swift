import Foundation
import JSON

/// UUIDs as SpotJob writes them: in lower case (RFC 9562 §4), read in any case.
public enum UUIDCase {
    private static let upperCase = try! NSRegularExpression(
        pattern: "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
    private static let anyCase = try! NSRegularExpression(
        pattern: "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")

    /// The UUIDs in `text` written with an upper-case letter.
    public static func upperCase(in text: String) -> [String] {
        matches(of: anyCase, in: text).filter { $0 != $0.lowercased() }
    }

    /// What Foundation's `JSONEncoder` writes with SpotJob's settings (`JSONCoding.makeEncoder()`),
    /// its upper-case UUIDs lowered: the bytes ``JSONCoding/encoder`` must write.
    public static func foundationReference(_ value: some Encodable) throws -> [UInt8] {
        let text = String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self)
        var lowered = text
        for uuid in Set(matches(of: upperCase, in: text)) {
            lowered = lowered.replacingOccurrences(of: uuid, with: uuid.lowercased())
        }
        return Array(lowered.utf8)
    }

    private static func matches(of expression: NSRegularExpression, in text: String) -> [String] {
        expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range, in: text).map { String(text[$0]) }
        }
    }
}
