import Foundation

/// A JSON document, bound as `jsonb` and read from `json` or `jsonb` columns.
public struct PostgresJSON: Sendable, Hashable {
    /// The document as UTF-8 JSON text.
    public var bytes: [UInt8]

    /// Wraps JSON text that is already encoded.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Wraps JSON text.
    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// Encodes `value` with `encoder`.
    public init(encoding value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws {
        self.bytes = Array(try encoder.encode(value))
    }

    /// The document as text.
    public var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes the document as `type` with `decoder`.
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: Data(bytes))
    }
}

extension PostgresJSON: PostgresEncodable, PostgresDecodable {
    public static var postgresDataType: PostgresDataType { .jsonb }

    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    /// The column's text form, which for `json` and `jsonb` is the document.
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType) {
        self.init(bytes: Array(text))
    }
}
