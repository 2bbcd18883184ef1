import Foundation

/// A one-dimensional array bind, e.g. for `WHERE id = ANY($1::uuid[])`.
///
/// Sent untyped in PostgreSQL's array text form with every element quoted, so any text is safe;
/// the SQL casts it to the element type it needs.
public struct PostgresArray: PostgresEncodable {
    public var elements: [String]

    public init(_ elements: [String]) { self.elements = elements }
    public init(_ uuids: [UUID]) { self.init(uuids.map(\.uuidString)) }
    public init(_ integers: [Int64]) { self.init(integers.map(String.init)) }

    public static var postgresDataType: PostgresDataType { .unknown }

    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        for (index, element) in elements.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { buffer.append(UInt8(ascii: "\\")) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: "}"))
    }
}
