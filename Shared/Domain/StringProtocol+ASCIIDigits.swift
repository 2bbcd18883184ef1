extension StringProtocol {
    /// Whether the text is one or more ASCII digits `0`–`9` and nothing else (no sign, space or
    /// non-ASCII digit).
    public var isASCIIDigits: Bool {
        !isEmpty && allSatisfy { $0.asciiDigitValue != nil }
    }
}
