extension Array where Element == UInt8 {
    /// Appends the non-negative `value` in ASCII decimal, padded with leading zeros to `width` digits.
    public mutating func appendDecimal(_ value: Int, width: Int) {
        precondition(value >= 0, "only non-negative values are written")
        let start = endIndex
        var rest = value
        repeat {
            append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while endIndex - start < width { append(UInt8(ascii: "0")) }
        self[start...].reverse()
    }
}
