/// A value parsed from a string with a throwing initialiser, and coded as its normalised string.
///
/// Conforming types get `Codable` and `CustomStringConvertible` for free: encoding writes
/// ``value``; decoding runs ``init(_:)`` and turns its error into `DecodingError.dataCorrupted`,
/// so a decoded value is as trustworthy as a parsed one.
protocol StringCodedValue: Codable, CustomStringConvertible {
    associatedtype ValidationError: Error & CustomStringConvertible

    /// Parses `input`, throwing why it is not acceptable.
    init(_ input: String) throws(ValidationError)

    /// The normalised form.
    var value: String { get }
}

extension StringCodedValue {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let input = try container.decode(String.self)
        do {
            try self.init(input)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
}
