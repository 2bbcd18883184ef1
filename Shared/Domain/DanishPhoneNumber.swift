/// A Danish telephone number: eight digits, normalised to `+45XXXXXXXX`.
///
/// Accepts the eight digits with an optional `+45` or `0045` prefix and any spaces,
/// so `"12 34 56 78"`, `"+45 12345678"` and `"0045 1234 5678"` are the same number.
/// Coded as ``value``.
public struct DanishPhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible, StringCodedValue {
    /// The number as `+45` followed by the eight digits.
    public let value: String

    private static let nationalLength = 8

    /// Parses a Danish number.
    ///
    /// - Throws: a ``DanishPhoneNumberError`` naming the first rule the input breaks.
    public init(_ input: String) throws(DanishPhoneNumberError) {
        var compact = Substring(input.removingWhitespace())
        if compact.hasPrefix("+") {
            guard compact.hasPrefix("+45") else { throw .foreignCountryCode }
            compact = compact.dropFirst(3)
        } else if compact.hasPrefix("0045"), compact.count == 4 + Self.nationalLength {
            compact = compact.dropFirst(4)
        }
        if let nonDigit = compact.first(where: { $0.asciiDigitValue == nil }) {
            throw .nonDigit(nonDigit)
        }
        guard compact.count == Self.nationalLength else { throw .wrongLength(digits: compact.count) }
        self.value = "+45" + compact
    }
}
