/// A value that can be an element of a binary array (``PostgresArray/init(binary:)``): its bytes
/// as PostgreSQL's binary format has them, which for text and `bytea` are the bytes themselves.
public protocol PostgresBinaryElement: PostgresEncodable {
    /// The element type the array names; the statement's cast must be an array of it.
    static var postgresElementType: PostgresDataType { get }
    /// Whether a NUL byte is refused (text cannot hold U+0000).
    static var refusesNUL: Bool { get }
    /// Appends the value's binary form.
    func appendPostgresBinary(to buffer: inout [UInt8])
}

extension String: PostgresBinaryElement {
    public static var postgresElementType: PostgresDataType { .text }
    public static var refusesNUL: Bool { true }

    /// The UTF-8 bytes.
    public func appendPostgresBinary(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: utf8)
    }
}

extension Array: PostgresBinaryElement where Element == UInt8 {
    public static var postgresElementType: PostgresDataType { .bytea }
    public static var refusesNUL: Bool { false }

    /// The bytes as they are.
    public func appendPostgresBinary(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: self)
    }
}
