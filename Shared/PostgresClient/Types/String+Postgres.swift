extension String: PostgresEncodable, PostgresDecodable {
    /// Sent untyped, so a string also binds to `uuid`, `date`, enum and other columns.
    public static var postgresDataType: PostgresDataType { .unknown }

    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: utf8)
    }

    /// Any column's text form.
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType) {
        self.init(decoding: text, as: UTF8.self)
    }
}
