/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Stricter than `JSONDecoder`, which accepts trailing commas, silently keeps one of two
/// duplicate keys and reads numbers through `Double`: here those are errors, and numbers keep
/// their text (``JSONNumber``), so a sender learns exactly what is wrong with a body.
/// A leading byte order mark is ignored, as RFC 8259 allows.
public struct JSONParser {
    /// Why bytes are not an acceptable JSON text.
    public enum Failure: Error, Equatable {
        /// The bytes are not JSON; the message says what was found where.
        case malformed(String)
        /// Arrays and objects are nested deeper than ``maximumDepth``.
        case tooDeep
    }

    /// How deeply arrays and objects may nest; a sheet needs three levels.
    public static let maximumDepth = 32

    private let bytes: [UInt8]
    private var index: Int
    private var depth = 0

    /// Parses `bytes`, which must be valid UTF-8, as one JSON value with optional surrounding whitespace.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        self.index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    private mutating func parseDocument() throws(Failure) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.endIndex else { throw unexpected("after the JSON value") }
        return value
    }

    private mutating func parseValue() throws(Failure) -> JSONValue {
        guard index < bytes.endIndex else { throw unexpected("where a value should start") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw unexpected("where a value should start")
        }
    }

    private mutating func parseObject() throws(Failure) -> JSONValue {
        try enterContainer()
        var members = JSONObject()
        skipWhitespace()
        if consume(UInt8(ascii: "}")) {
            depth -= 1
            return .object(members)
        }
        repeat {
            skipWhitespace()
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else {
                throw unexpected("where a key should start")
            }
            let keyOffset = index
            let key = try parseString()
            guard members[key] == nil else { throw .malformed("duplicate key at byte \(keyOffset)") }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw unexpected("where ':' should follow a key") }
            skipWhitespace()
            members.append(key, try parseValue())
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw unexpected("where ',' or '}' should follow a member") }
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(Failure) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) {
            depth -= 1
            return .array(elements)
        }
        repeat {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw unexpected("where ',' or ']' should follow an element") }
        depth -= 1
        return .array(elements)
    }

    /// Consumes the opening bracket or brace and checks the nesting depth.
    private mutating func enterContainer() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw .tooDeep }
        index += 1
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1  // the opening quote
        // Most strings have no escapes: they are taken from the body as they are.
        let start = index
        while index < bytes.endIndex, !Self.endsPlainString(bytes[index]) {
            index += 1
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<index - 1], as: UTF8.self)
        }
        var utf8 = Array(bytes[start..<index])
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try appendEscape(to: &utf8)
            case 0x00..<0x20:
                throw .malformed("unescaped control character in a string at byte \(index)")
            default:
                utf8.append(byte)
                index += 1
            }
        }
        throw unexpected("inside a string")
    }

    /// Whether `byte` ends the unescaped start of a string: a quote, a backslash or a control character.
    private static func endsPlainString(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    /// Decodes the escape after a backslash and appends its UTF-8.
    private mutating func appendEscape(to utf8: inout [UInt8]) throws(Failure) {
        guard index < bytes.endIndex else { throw unexpected("after a backslash") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape()
            utf8.append(contentsOf: String(scalar).utf8)
        default:
            index -= 1
            throw unexpected("after a backslash")
        }
    }

    /// Decodes the `XXXX` after `\u`, joining a surrogate pair written as two escapes.
    private mutating func parseUnicodeEscape() throws(Failure) -> Unicode.Scalar {
        let offset = index - 2
        let unit = try parseHexQuad()
        if let scalar = Unicode.Scalar(unit) { return scalar }
        guard (0xD800..<0xDC00).contains(unit),
              bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        else { throw .malformed("unpaired surrogate escape at byte \(offset)") }
        index += 2
        let low = try parseHexQuad()
        guard (0xDC00..<0xE000).contains(low),
              let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        else { throw .malformed("unpaired surrogate escape at byte \(offset)") }
        return scalar
    }

    private mutating func parseHexQuad() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.endIndex, let digit = Self.hexValue(bytes[index]) else {
                throw unexpected("where a hexadecimal digit of a \\u escape should be")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(Failure) -> JSONNumber {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if !consume(UInt8(ascii: "0")) {
            guard consumeDigits() else { throw unexpected("where a digit should be") }
        }
        if consume(UInt8(ascii: ".")) {
            guard consumeDigits() else { throw unexpected("where a digit should follow the decimal point") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            guard consumeDigits() else { throw unexpected("where a digit of the exponent should be") }
        }
        return JSONNumber(text: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// Consumes a run of digits; `false` when there is none.
    private mutating func consumeDigits() -> Bool {
        let start = index
        while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            index += 1
        }
        return index > start
    }

    private mutating func expectLiteral(_ literal: String) throws(Failure) {
        guard bytes[index...].starts(with: literal.utf8) else { throw unexpected("where a value should start") }
        index += literal.utf8.count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.endIndex, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.endIndex {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// A malformed-JSON failure naming what was found at the current position and `context`.
    private func unexpected(_ context: String) -> Failure {
        guard index < bytes.endIndex else { return .malformed("unexpected end of input \(context)") }
        let found = bytes[index]
        let shown = (0x21...0x7E).contains(found)
            ? "'\(Unicode.Scalar(found))'" : "byte 0x\(String(found, radix: 16, uppercase: true))"
        return .malformed("unexpected \(shown) at byte \(index) \(context)")
    }
}
