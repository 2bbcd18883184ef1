/// Why a string is not a plausible ``EmailAddress``.
public enum EmailAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The trimmed address is longer than ``EmailAddress/maximumLength`` bytes.
    case tooLong(bytes: Int)
    /// The address contains a space, tab, line break or other control character.
    case whitespaceOrControlCharacter
    /// There is no `@`.
    case missingAtSign
    /// There is more than one `@`.
    case multipleAtSigns
    /// Nothing comes before the `@`.
    case emptyLocalPart
    /// The part after the `@` is not dot-separated labels such as `horsens.dk`.
    case invalidDomain

    public var description: String {
        switch self {
        case .tooLong(let bytes):
            "e-mail address must be at most \(EmailAddress.maximumLength) bytes, found \(bytes)"
        case .whitespaceOrControlCharacter:
            "e-mail address must not contain spaces or control characters"
        case .missingAtSign:
            "e-mail address must contain an @"
        case .multipleAtSigns:
            "e-mail address must contain only one @"
        case .emptyLocalPart:
            "e-mail address needs a name before the @"
        case .invalidDomain:
            "e-mail address needs a domain with a dot after the @, such as horsens.dk"
        }
    }
}
