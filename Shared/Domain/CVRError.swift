/// Why a string is not a valid ``CVR``.
public enum CVRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input has a character other than a digit or a space.
    case nonDigit(Character)
    /// The input does not have exactly eight digits.
    case wrongLength(digits: Int)
    /// The first digit is `0`, which no CVR number has.
    case leadingZero
    /// The weighted digit sum is not divisible by 11.
    case checksum

    public var description: String {
        switch self {
        case .nonDigit(let character):
            "CVR may only contain digits and spaces, found \"\(character)\""
        case .wrongLength(let digits):
            "CVR must have 8 digits, found \(digits)"
        case .leadingZero:
            "CVR cannot start with 0"
        case .checksum:
            "CVR check digit is wrong (modulus 11)"
        }
    }
}
