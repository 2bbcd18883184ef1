/// Why a string is not a valid ``CPR``.
///
/// The cases carry nothing of the input and the descriptions contain no digits at all, so an
/// error can be logged without leaking any part of the number.
public enum CPRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input has a character other than a digit, or a dash other than one after the sixth digit.
    case nonDigit
    /// The input, without its dash, does not have exactly ten digits.
    case wrongLength
    /// The first six digits, with the century the seventh gives, are not a real date.
    case notADate

    public var description: String {
        switch self {
        case .nonDigit:
            "CPR may only contain digits, with one optional dash after the sixth (DDMMYY-SSSS), and no spaces"
        case .wrongLength:
            "CPR must have ten digits, written DDMMYYSSSS or DDMMYY-SSSS"
        case .notADate:
            "CPR must start with a real birth date DDMMYY, in the century the seventh digit gives"
        }
    }
}
