import Foundation

extension UUID: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .uuid }

    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: uuidString.utf8)
    }

    public init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType) {
        self.init(uuidString: String(decoding: text, as: UTF8.self))
    }
}
