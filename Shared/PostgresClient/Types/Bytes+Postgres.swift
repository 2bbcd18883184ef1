extension Array: PostgresEncodable where Element == UInt8 {
    /// `bytea`, sent in the hex format (`\x0a1b…`).
    public static var postgresDataType: PostgresDataType { .bytea }

    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + 2 + 2 * count)
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "x"))
        for byte in self {
            buffer.append(Hex.digits[Int(byte >> 4)])
            buffer.append(Hex.digits[Int(byte & 0x0F)])
        }
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// A `bytea` column's bytes (hex output format); for any other column, its text form as UTF-8.
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType) {
        guard dataType == .bytea else {
            self.init(text)
            return
        }
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            return nil
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index < text.count {
            guard let high = Hex.value(of: text[index]), let low = Hex.value(of: text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = bytes
    }
}

/// Lower-case hexadecimal digits.
private enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
