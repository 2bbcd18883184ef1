extension CivilDate {
    /// Parses exactly `YYYY-MM-DD`, such as `2025-04-23`: ASCII digits, no sign, spaces or time.
    ///
    /// - Throws: a ``CivilDateParseError`` for the wrong length, the wrong form or a day that does not exist.
    public init(parsing text: String) throws(CivilDateParseError) {
        try self.init(parsingUTF8: text.utf8)
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes, such as a JSON string's contents or a
    /// PostgreSQL text result, the same way as ``init(parsing:)``.
    public init(parsingUTF8 bytes: some Collection<UInt8>) throws(CivilDateParseError) {
        let count = bytes.count
        guard count == 10 else { throw .wrongLength(bytes: count) }
        var fields = (year: 0, month: 0, day: 0)
        for (offset, byte) in bytes.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { throw .malformed }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .malformed }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch offset {
            case ..<4: fields.year = fields.year * 10 + digit
            case ..<7: fields.month = fields.month * 10 + digit
            default: fields.day = fields.day * 10 + digit
            }
        }
        guard let date = CivilDate(year: fields.year, month: fields.month, day: fields.day) else {
            throw .nonexistentDate(year: fields.year, month: fields.month, day: fields.day)
        }
        self = date
    }
}

extension CivilDate: LosslessStringConvertible {
    /// The date written as `YYYY-MM-DD`, or `nil` if ``init(parsing:)`` would throw.
    public init?(_ description: String) {
        guard let date = try? CivilDate(parsing: description) else { return nil }
        self = date
    }
}
