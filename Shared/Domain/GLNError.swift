/// Why a string is not a valid ``GLN``.
public enum GLNError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input has a character other than a digit or a space.
    case nonDigit(Character)
    /// The input does not have exactly thirteen digits.
    case wrongLength(digits: Int)
    /// The last digit is not the GS1 check digit of the others.
    case checksum

    public var description: String {
        switch self {
        case .nonDigit(let character):
            "GLN (EAN number) may only contain digits and spaces, found \"\(character)\""
        case .wrongLength(let digits):
            "GLN (EAN number) must have 13 digits, found \(digits)"
        case .checksum:
            "GLN (EAN number) check digit is wrong (GS1 modulus 10)"
        }
    }
}
