/// A one-dimensional array bind: `WHERE id = ANY($1::uuid[])`, or one column of many rows at once,
/// `INSERT INTO t (a, b) SELECT * FROM unnest($1::uuid[], $2::text[])`.
///
/// Sent untyped in PostgreSQL's array text form, every element quoted (so any text is safe) and
/// `nil` as `NULL`; the SQL casts it to the element type it needs.
public struct PostgresArray: PostgresEncodable {
    /// The array literal, e.g. `{"a","b\"c",NULL}`.
    @usableFromInline var literal: [UInt8] = [UInt8(ascii: "{")]

    // Inlinable, so that callers in other modules get it specialized for their element type.
    @inlinable
    public init<Element: PostgresEncodable>(_ elements: some Sequence<Element?>) {
        var text: [UInt8] = []
        var isFirst = true
        for element in elements {
            if !isFirst { literal.append(UInt8(ascii: ",")) }
            isFirst = false
            guard let element else {
                literal.append(contentsOf: "NULL".utf8)
                continue
            }
            text.removeAll(keepingCapacity: true)
            element.encodePostgresText(into: &text)
            literal.append(UInt8(ascii: "\""))
            for byte in text {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
                literal.append(byte)
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
    }

    @inlinable
    public init<Element: PostgresEncodable>(_ elements: some Sequence<Element>) {
        self.init(elements.lazy.map(Optional.some))
    }

    public static var postgresDataType: PostgresDataType { .unknown }

    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: literal)
    }
}
