import Domain
import JSON

/// Reads typed fields out of a parsed message body, recording a ``FieldError`` for every problem
/// instead of stopping at the first.
///
/// Each read returns the value, or `nil` when the field is absent or faulty; a faulty field
/// has then been recorded in ``errors``. Optional fields that are `null`, or strings that are
/// blank, count as absent. Every string read is refused when it holds U+0000 (`invalid-character`):
/// PostgreSQL text cannot store it, and a client that cut the value there would store another one.
public struct FieldReader {
    /// Whether a field may be absent.
    public enum Presence: Sendable {
        case required
        case optional
    }

    /// A JSON value and where it sits.
    public struct Field: Sendable {
        public let value: JSONValue
        public let path: FieldPath

        public init(value: JSONValue, path: FieldPath) {
            self.value = value
            self.path = path
        }
    }

    /// A JSON object and where it sits.
    public struct Object: Sendable {
        public let members: JSONObject
        public let path: FieldPath

        public init(members: JSONObject, path: FieldPath) {
            self.members = members
            self.path = path
        }
    }

    /// Every problem recorded so far, in the order found.
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func report(_ path: FieldPath, _ code: FieldError.Code, _ message: String) {
        errors.append(FieldError(path, code, message))
    }

    /// The member `key` of `object`, or `nil` when it is absent or `null`.
    public mutating func field(_ key: String, of object: Object, _ presence: Presence) -> Field? {
        let path = object.path.member(key)
        switch object.members[key] {
        case nil, .null?:
            if presence == .required { report(path, .required, "is required") }
            return nil
        case let value?:
            return Field(value: value, path: path)
        }
    }

    /// A JSON object, to read members from.
    public mutating func object(_ key: String, of object: Object, _ presence: Presence) -> Object? {
        guard let field = field(key, of: object, presence) else { return nil }
        guard case .object(let members) = field.value else { return wrongType(field, "an object") }
        return Object(members: members, path: field.path)
    }

    /// The elements of an array with `count` elements.
    public mutating func array(_ key: String, of object: Object, _ presence: Presence, count: ClosedRange<Int>) -> [Field]? {
        guard let field = field(key, of: object, presence) else { return nil }
        guard case .array(let elements) = field.value else { return wrongType(field, "an array") }
        guard elements.count >= count.lowerBound else {
            let rule = count.lowerBound == 1 ? "must not be empty" : "must have at least \(count.lowerBound) items"
            report(field.path, .tooShort, rule)
            return nil
        }
        guard elements.count <= count.upperBound else {
            report(field.path, .tooLong, "must have at most \(count.upperBound) items, found \(elements.count)")
            return nil
        }
        return elements.enumerated().map { Field(value: $1, path: field.path.element($0)) }
    }

    /// A string of `length` characters (Unicode scalars, as PostgreSQL counts them), trimmed of
    /// surrounding whitespace unless `trimming` is `false`.
    public mutating func string(
        _ key: String, of object: Object, _ presence: Presence, length: ClosedRange<Int>, trimming: Bool = true
    ) -> String? {
        guard let field = field(key, of: object, presence) else { return nil }
        return string(field, presence, length: length, trimming: trimming)
    }

    /// The string in `field`; see ``string(_:of:_:length:trimming:)``.
    public mutating func string(
        _ field: Field, _ presence: Presence, length: ClosedRange<Int>, trimming: Bool = true
    ) -> String? {
        guard case .string(let raw) = field.value else { return wrongType(field, "a string") }
        guard !containsNUL(raw, at: field.path) else { return nil }
        let text = trimming ? raw.trimmingWhitespace() : raw
        if text.isEmpty, presence == .optional { return nil }
        // A scalar is 1 to 4 UTF-8 bytes, so most lengths are in range without counting.
        let bytes = text.utf8.count
        if bytes <= length.upperBound, (bytes + 3) / 4 >= length.lowerBound { return text }
        let count = text.unicodeScalars.count
        guard count >= length.lowerBound else {
            let rule = length.lowerBound == 1
                ? "must not be empty" : "must have at least \(length.lowerBound) characters"
            report(field.path, .tooShort, rule)
            return nil
        }
        guard count <= length.upperBound else {
            report(field.path, .tooLong, "must have at most \(length.upperBound) characters, found \(count)")
            return nil
        }
        return text
    }

    /// A string turned into a value by `parse`; what `parse` throws is reported as `code`.
    public mutating func parsed<Value, Failure: Error & CustomStringConvertible>(
        _ key: String, of object: Object, _ presence: Presence, invalid code: FieldError.Code,
        _ parse: (String) throws(Failure) -> Value
    ) -> Value? {
        guard let field = field(key, of: object, presence), let text = text(field, presence) else { return nil }
        let path = field.path
        do {
            return try parse(text)
        } catch {
            report(path, code, error.description)
            return nil
        }
    }

    /// A string looked up by `lookup`; when it finds nothing, `message` is reported as `code`.
    public mutating func resolved<Value>(
        _ key: String, of object: Object, _ presence: Presence, unknown code: FieldError.Code,
        _ message: @autoclosure () -> String, _ lookup: (String) -> Value?
    ) -> Value? {
        guard let field = field(key, of: object, presence) else { return nil }
        return resolved(field, presence, unknown: code, message(), lookup)
    }

    /// The string in `field` (an array element, say) looked up by `lookup`; see
    /// ``resolved(_:of:_:unknown:_:_:)``.
    public mutating func resolved<Value>(
        _ field: Field, _ presence: Presence = .required, unknown code: FieldError.Code,
        _ message: @autoclosure () -> String, _ lookup: (String) -> Value?
    ) -> Value? {
        guard let text = text(field, presence) else { return nil }
        guard let value = lookup(text) else {
            report(field.path, code, message())
            return nil
        }
        return value
    }

    /// A whole number in `range`; a fractional number is the wrong type.
    public mutating func integer(_ key: String, of object: Object, _ presence: Presence, in range: ClosedRange<Int>) -> Int? {
        guard let (number, path) = number(key, of: object, presence) else { return nil }
        guard number.isIntegral else {
            report(path, .wrongType, "must be a whole number")
            return nil
        }
        guard let value = number.integer(), range.contains(value) else {
            report(path, .outOfRange, "must be from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// A JSON number, exactly as written.
    public mutating func number(_ key: String, of object: Object, _ presence: Presence) -> (JSONNumber, FieldPath)? {
        guard let field = field(key, of: object, presence) else { return nil }
        guard case .number(let number) = field.value else { return wrongType(field, "a number") }
        return (number, field.path)
    }

    /// `true` or `false`; `1` and `"true"` are the wrong type.
    public mutating func bool(_ key: String, of object: Object, _ presence: Presence) -> Bool? {
        guard let field = field(key, of: object, presence) else { return nil }
        guard case .bool(let value) = field.value else { return wrongType(field, "true or false") }
        return value
    }

    /// The raw string of a field that a parser or lookup interprets; blank counts as absent
    /// only for an optional field.
    private mutating func text(_ field: Field, _ presence: Presence) -> String? {
        guard case .string(let text) = field.value else { return wrongType(field, "a string") }
        guard !containsNUL(text, at: field.path) else { return nil }
        if presence == .optional, text.trimmingWhitespace().isEmpty { return nil }
        return text
    }

    /// Whether `text` holds U+0000, which is then reported.
    private mutating func containsNUL(_ text: String, at path: FieldPath) -> Bool {
        guard text.utf8.contains(0) else { return false }
        report(path, .invalidCharacter, "must not contain the NUL character (U+0000)")
        return true
    }

    private mutating func wrongType<Value>(_ field: Field, _ expected: String) -> Value? {
        report(field.path, .wrongType, "must be \(expected), found \(field.value.kindDescription)")
        return nil
    }
}
