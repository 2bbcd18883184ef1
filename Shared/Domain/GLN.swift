/// A GS1 Global Location Number: the 13-digit "EAN-nummer" that addresses a Danish public
/// authority's invoice inbox (NemHandel).
///
/// Thirteen digits whose last is the GS1 check digit over the first twelve (weights 3 and 1
/// alternating from the right). Spaces are accepted on input and dropped; ``value`` is always
/// the thirteen bare digits. Coded as that string.
public struct GLN: Sendable, Hashable, Codable, CustomStringConvertible, StringCodedValue {
    /// The thirteen digits, without spaces.
    public let value: String

    /// Parses and checks a GLN.
    ///
    /// - Throws: a ``GLNError`` naming the first rule the input breaks.
    public init(_ input: String) throws(GLNError) {
        let compact = input.removingWhitespace()
        if let bad = compact.first(where: { $0.asciiDigitValue == nil }) { throw .nonDigit(bad) }
        let digits = compact.compactMap(\.asciiDigitValue)
        guard digits.count == 13 else { throw .wrongLength(digits: digits.count) }
        guard digits[12] == Self.checkDigit(of: digits.prefix(12)) else { throw .checksum }
        self.value = compact
    }

    /// The GS1 check digit of the digits before it.
    static func checkDigit(of body: ArraySlice<Int>) -> Int {
        let sum = body.reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10
    }
}
