/// A Danish company registration number (CVR-nummer).
///
/// Eight digits, the first not `0`, whose weighted sum with the weights
/// 2, 7, 6, 5, 4, 3, 2, 1 is divisible by 11. Spaces are accepted on input
/// (`"2531 3763"`) and dropped; ``value`` is always the eight bare digits.
///
/// Coded as that string; decoding validates it the same way ``init(_:)`` does.
public struct CVR: Sendable, Hashable, Codable, CustomStringConvertible, StringCodedValue {
    /// The eight digits, without spaces.
    public let value: String

    private static let weights = [2, 7, 6, 5, 4, 3, 2, 1]

    /// Parses and checks a CVR number.
    ///
    /// - Throws: a ``CVRError`` naming the first rule the input breaks.
    public init(_ input: String) throws(CVRError) {
        let compact = input.removingWhitespace()
        guard compact.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            // Named as written: removing whitespace may have joined characters.
            throw .nonDigit(input.first { !$0.isWhitespace && $0.asciiDigitValue == nil }!)
        }
        let digits = compact.utf8.map { Int($0 - UInt8(ascii: "0")) }
        guard digits.count == Self.weights.count else { throw .wrongLength(digits: digits.count) }
        guard digits[0] != 0 else { throw .leadingZero }
        let weightedSum = zip(digits, Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
        guard weightedSum % 11 == 0 else { throw .checksum }
        self.value = compact
    }
}
