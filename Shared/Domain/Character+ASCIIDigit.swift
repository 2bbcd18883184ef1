extension Character {
    /// The value of an ASCII digit `0`–`9`; `nil` for anything else, including non-ASCII digits.
    var asciiDigitValue: Int? {
        guard let ascii = asciiValue, (0x30...0x39).contains(ascii) else { return nil }
        return Int(ascii - 0x30)
    }
}
