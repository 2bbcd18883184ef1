/// A plausible e-mail address.
///
/// Deliberately not RFC 5322: one `@`, a non-empty local part, a domain of at least two
/// non-empty dot-separated labels, no whitespace or control characters, at most 254 bytes.
/// Surrounding whitespace is trimmed and the domain is lower-cased; the local part is kept
/// as written. Coded as ``value``.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible, StringCodedValue {
    /// The address, trimmed, with its domain lower-cased.
    public let value: String

    /// The longest address SMTP can carry (RFC 5321 path limit minus the angle brackets).
    public static let maximumLength = 254

    /// Checks that `input` looks like an e-mail address.
    ///
    /// - Throws: an ``EmailAddressError`` naming the first rule the input breaks.
    public init(_ input: String) throws(EmailAddressError) {
        let address = input.trimmingWhitespace()
        guard address.utf8.count <= Self.maximumLength else { throw .tooLong(bytes: address.utf8.count) }
        guard !address.unicodeScalars.contains(where: Self.isWhitespaceOrControl) else {
            throw .whitespaceOrControlCharacter
        }
        let isASCII = address.utf8.allSatisfy { $0 < 0x80 }
        // ASCII is checked byte by byte; other text by characters, as a combining mark makes
        // `@\u{301}` one character that is not an `@`.
        let atSign = try isASCII
            ? Self.atSign(in: address.utf8, at: UInt8(ascii: "@"), dot: UInt8(ascii: "."))
            : Self.atSign(in: address, at: "@", dot: ".")
        let domain = address[address.utf8.index(after: atSign)...]
        let isLowercase = isASCII && !domain.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        self.value = isLowercase ? address : address[..<atSign] + "@" + domain.lowercased()
    }

    /// The index of the one `at` in `text`, after checking that a local part comes before it and
    /// dot-separated labels after it.
    private static func atSign<Text: BidirectionalCollection>(
        in text: Text, at: Text.Element, dot: Text.Element
    ) throws(EmailAddressError) -> Text.Index where Text.Element: Equatable {
        guard let atSign = text.firstIndex(of: at) else { throw .missingAtSign }
        let domain = text[text.index(after: atSign)...]
        guard !domain.contains(at) else { throw .multipleAtSigns }
        guard atSign != text.startIndex else { throw .emptyLocalPart }
        let hasEmptyLabel = domain.first == dot || domain.last == dot
            || zip(domain, domain.dropFirst()).contains { $0 == dot && $1 == dot }
        guard domain.contains(dot), !hasEmptyLabel else { throw .invalidDomain }
        return atSign
    }

    private static func isWhitespaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value <= 0x20 || scalar.value == 0x7F }
        return scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }
}
