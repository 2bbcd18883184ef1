extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .bool }

    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(self ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    public init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType) {
        switch String(decoding: text, as: UTF8.self) {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}
