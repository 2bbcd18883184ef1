extension Int: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .int8 }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    /// `int8`; money is kept as whole øre in an `Int64`, bound to and read from `bigint` or `numeric`.
    public static var postgresDataType: PostgresDataType { .int8 }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .int4 }
}

extension PostgresEncodable where Self: FixedWidthInteger {
    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(self).utf8)
    }
}

extension PostgresDecodable where Self: FixedWidthInteger {
    /// An integer column, or a `numeric` one holding a whole number (`"1250"`, `"1250.00"`).
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType) {
        var digits = text[...]
        if let point = text.firstIndex(of: UInt8(ascii: ".")) {
            guard text[(point + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
            digits = text[..<point]
        }
        self.init(String(decoding: digits, as: UTF8.self))
    }
}
