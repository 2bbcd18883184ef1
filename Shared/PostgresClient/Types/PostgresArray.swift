/// A one-dimensional array bind: `WHERE id = ANY($1::uuid[])`, or one column of many rows at once,
/// `INSERT INTO t (a, b) SELECT * FROM unnest($1::uuid[], $2::text[])`.
///
/// ``init(_:)-(Sequence<Element?>)`` sends it untyped in PostgreSQL's array text form, every element
/// quoted (so any text is safe) and `nil` as `NULL`; the SQL casts it to the element type it needs.
/// ``init(binary:)`` sends large text or `bytea` elements in the binary array format instead: each
/// element's bytes as they are, with no quoting, escaping or hex for the server to undo.
public struct PostgresArray: PostgresEncodable {
    /// The array literal, e.g. `{"a","b\"c",NULL}`, or with ``isBinary`` the binary array.
    @usableFromInline var encoded: [UInt8] = [UInt8(ascii: "{")]
    /// Whether ``encoded`` is in PostgreSQL's binary array format.
    @usableFromInline var isBinary = false
    /// Whether a text element of a binary array holds a NUL byte (refused like a text bind's).
    @usableFromInline var holdsNUL = false

    // Inlinable, so that callers in other modules get it specialized for their element type.
    @inlinable
    public init<Element: PostgresEncodable>(_ elements: some Sequence<Element?>) {
        var text: [UInt8] = []
        var isFirst = true
        for element in elements {
            if !isFirst { encoded.append(UInt8(ascii: ",")) }
            isFirst = false
            guard let element else {
                encoded.append(contentsOf: "NULL".utf8)
                continue
            }
            text.removeAll(keepingCapacity: true)
            element.encodePostgresText(into: &text)
            encoded.append(UInt8(ascii: "\""))
            for byte in text {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { encoded.append(UInt8(ascii: "\\")) }
                encoded.append(byte)
            }
            encoded.append(UInt8(ascii: "\""))
        }
        encoded.append(UInt8(ascii: "}"))
    }

    @inlinable
    public init<Element: PostgresEncodable>(_ elements: some Sequence<Element>) {
        self.init(elements.lazy.map(Optional.some))
    }

    /// An array of `elements` in the binary format; the SQL's cast must name their type exactly
    /// (`$1::text[]` for strings, `$1::bytea[]` for bytes).
    @inlinable
    public init<Element: PostgresBinaryElement>(binary elements: some Collection<Element>) {
        isBinary = true
        encoded = []
        // Header: one dimension, no NULLs, the element type, the length, lower bound 1.
        for field in [1, 0, Int32(bitPattern: Element.postgresElementType.rawValue), Int32(elements.count), 1] as [Int32] {
            Self.append(field, to: &encoded)
        }
        for element in elements {
            let lengthAt = encoded.count
            Self.append(0, to: &encoded)
            element.appendPostgresBinary(to: &encoded)
            let length = encoded.count - lengthAt - 4
            if Element.refusesNUL, !holdsNUL, encoded[(lengthAt + 4)...].contains(0) { holdsNUL = true }
            withUnsafeBytes(of: Int32(length).bigEndian) { bytes in
                encoded.replaceSubrange(lengthAt..<(lengthAt + 4), with: bytes)
            }
        }
    }

    @inlinable
    static func append(_ value: Int32, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    public static var postgresDataType: PostgresDataType { .unknown }

    /// The text literal (binds send a binary array as it is, see ``PostgresBinds``).
    public func encodePostgresText(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: encoded)
    }
}
