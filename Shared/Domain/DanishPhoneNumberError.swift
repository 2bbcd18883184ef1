/// Why a string is not a valid ``DanishPhoneNumber``.
public enum DanishPhoneNumberError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The number starts with `+` and a country code other than 45.
    case foreignCountryCode
    /// The number has a character other than a digit, a space or the leading `+`.
    case nonDigit(Character)
    /// Without its prefix, the number does not have exactly eight digits.
    case wrongLength(digits: Int)

    public var description: String {
        switch self {
        case .foreignCountryCode:
            "phone number must be Danish (+45)"
        case .nonDigit(let character):
            "phone number may only contain digits, spaces and a +45 prefix, found \"\(character)\""
        case .wrongLength(let digits):
            "phone number must have 8 digits after any +45 or 0045 prefix, found \(digits)"
        }
    }
}
