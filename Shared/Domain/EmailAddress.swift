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
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw parts.count < 2 ? .missingAtSign : .multipleAtSigns }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty else { throw .emptyLocalPart }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { throw .invalidDomain }
        self.value = local + "@" + domain.lowercased()
    }

    private static func isWhitespaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value <= 0x20 || scalar.value == 0x7F }
        return scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }
}
