extension CivilDate: CustomStringConvertible {
    /// The date as `YYYY-MM-DD` (RFC 3339 `full-date`), e.g. `"2025-04-23"` or `"0042-01-05"`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``description``'s bytes to `bytes`, for writers that build JSON or SQL text as bytes.
    public func appendISO8601(to bytes: inout [UInt8]) {
        bytes.appendDecimal(year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(day, width: 2)
    }
}
