extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .float8 }

    /// The shortest text that reads back as the same value; `inf`, `-inf` and `nan` are accepted by the server.
    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: description.utf8)
    }

    public init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType) {
        self.init(String(decoding: text, as: UTF8.self))
    }
}
