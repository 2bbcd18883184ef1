extension UInt8 {
    /// Whether this is an ASCII character that `Character.isWhitespace` accepts: tab, line feed,
    /// vertical tab, form feed, carriage return or space.
    var isASCIIWhitespace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}
