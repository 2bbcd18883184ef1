/// One problem with one field of a request body.
///
/// ``field`` names the field JSON-path-like (`company.cvr`, `tasks[2]`; `contact` for a rule
/// about the object as a whole; `$` for the body itself), ``code`` is a stable machine-readable
/// reason, and ``message`` tells a person why, e.g. "CVR check digit is wrong (modulus 11)".
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

    init(_ path: FieldPath, _ code: Code, _ message: String) {
        self.init(field: path.description, code: code, message: message)
    }

    /// Stable kebab-case reasons a field is rejected. Published in `sheet.rejected` events:
    /// add codes, never rename one.
    public enum Code: String, Codable, Sendable, Hashable, CaseIterable {
        // The body as a whole (field `$`), checked in this order; each stops validation.
        /// The body is larger than ``SheetValidator/maximumBodySize``; it was not parsed.
        case tooLarge = "too-large"
        /// The body is not valid UTF-8.
        case invalidUTF8 = "invalid-utf8"
        /// The body is not JSON (RFC 8259), or an object repeats a key.
        case malformedJSON = "malformed-json"
        /// Arrays and objects nest deeper than the parser allows.
        case tooDeep = "too-deep"
        /// The body is JSON but not an object.
        case notAnObject = "not-an-object"

        // Fields; every problem found is reported.
        /// A required field is missing or `null`.
        case required
        /// The field has the wrong JSON type, e.g. a string where a number belongs,
        /// `true` where a number belongs, or `2.5` where a whole number belongs.
        case wrongType = "wrong-type"
        /// A string holds a character no field may hold: U+0000 (NUL).
        case invalidCharacter = "invalid-character"
        /// A string is shorter than allowed (empty) or an array has too few items.
        case tooShort = "too-short"
        /// A string is longer than allowed or an array has too many items.
        case tooLong = "too-long"
        /// A number is outside its allowed range.
        case outOfRange = "out-of-range"
        /// A number has more decimals than allowed.
        case tooPrecise = "too-precise"
        /// `company.cvr` is not a valid CVR number.
        case invalidCVR = "invalid-cvr"
        /// `contact.phone` is not a Danish phone number.
        case invalidPhone = "invalid-phone"
        /// `contact.email` is not a plausible e-mail address.
        case invalidEmail = "invalid-email"
        /// `contact` has neither a phone number nor an e-mail address.
        case contactMissing = "contact-missing"
        /// `municipality` is neither a kommunekode nor a municipality name.
        case unknownMunicipality = "unknown-municipality"
        /// `category` is neither a category code nor its Danish label.
        case unknownCategory = "unknown-category"
        /// `jobType` is not one of the job type codes.
        case unknownJobType = "unknown-job-type"
        /// A timestamp is not RFC 3339.
        case invalidTimestamp = "invalid-timestamp"

        // Raised by intake's handler after validation, against what intake already knows.
        /// The message's `type` is not one intake consumes (field `$`).
        case unsupportedType = "unsupported-type"
        /// A sheet arrives for a `sheetId` that was withdrawn (field `sheetId`).
        case sheetWithdrawn = "sheet-withdrawn"
        /// A withdrawal names a `sheetId` intake never registered (field `sheetId`).
        case unknownSheet = "unknown-sheet"
    }
}

extension FieldError: CustomStringConvertible {
    /// `field: message (code)`, for logs.
    public var description: String { "\(field): \(message) (\(code.rawValue))" }
}
