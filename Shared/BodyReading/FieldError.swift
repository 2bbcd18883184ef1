/// One problem with one field of a message body.
///
/// ``field`` names the field JSON-path-like (`company.cvr`, `tasks[2]`; `contact` for a rule
/// about the object as a whole; `$` for the body itself), ``code`` is a stable machine-readable
/// reason, and ``message`` tells a person why, e.g. "CVR check digit is wrong (modulus 11)". A
/// message never quotes the value.
public struct FieldError: Codable, Sendable, Hashable {
    /// The field the problem is in.
    public var field: String
    /// What kind of problem it is.
    public var code: Code
    /// Why the value is not accepted, in English, for people.
    public var message: String

    public init(field: String, code: Code, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public init(_ path: FieldPath, _ code: Code, _ message: String) {
        self.init(field: path.description, code: code, message: message)
    }

    /// A stable kebab-case reason, published in rejection events: add codes, never rename one.
    ///
    /// The codes every body can get are declared here (``FieldError/Code-swift.struct/body``,
    /// ``FieldError/Code-swift.struct/fields``, ``FieldError/Code-swift.struct/domain``); a service
    /// declares its own in an extension, e.g. `static let unknownSheet = Code("unknown-sheet")`.
    public struct Code: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String

        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(rawValue: String) { self.rawValue = rawValue }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        public var description: String { rawValue }
    }
}

extension FieldError: CustomStringConvertible {
    /// `field: message (code)`, for logs.
    public var description: String { "\(field): \(message) (\(code.rawValue))" }
}
