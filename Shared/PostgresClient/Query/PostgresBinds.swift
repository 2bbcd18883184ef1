import CLibPQ

/// Binds encoded into one buffer, laid out as libpq takes them: text values NUL-terminated, binary
/// arrays (``PostgresArray/init(binary:)``) with their length.
///
/// libpq reads a text parameter up to its first NUL byte, so a value holding U+0000 would reach the
/// server cut short (and PostgreSQL `text` cannot hold that character anyway). Such a value is never
/// sent: ``nulParameter`` names it, and ``PostgresConnection`` throws
/// ``PostgresError/Kind/invalidParameter`` before anything goes to the server. A binary array's
/// text elements are checked the same way.
struct PostgresBinds: Sendable {
    private var types: [Oid] = []
    /// Each value's start in ``bytes``, or `nil` for SQL `NULL`.
    private var offsets: [Int?] = []
    /// Each value's length in bytes (read by libpq for binary values only).
    private var lengths: [Int32] = []
    /// Each value's format: 0 text, 1 binary.
    private var formats: [Int32] = []
    private var bytes: [UInt8] = []
    /// The 1-based number (`$n`) of the first parameter whose text holds a NUL byte, if any.
    private(set) var nulParameter: Int?

    init(_ values: [(any PostgresEncodable)?]) {
        types.reserveCapacity(values.count)
        offsets.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            guard let value else {
                types.append(PostgresDataType.unknown.rawValue)
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
                continue
            }
            types.append(type(of: value).postgresDataType.rawValue)
            let start = bytes.count
            offsets.append(start)
            if let array = value as? PostgresArray, array.isBinary {
                bytes.append(contentsOf: array.encoded)
                lengths.append(Int32(array.encoded.count))
                formats.append(1)
                if nulParameter == nil, array.holdsNUL { nulParameter = index + 1 }
                continue
            }
            value.encodePostgresText(into: &bytes)
            lengths.append(Int32(bytes.count - start))
            formats.append(0)
            if nulParameter == nil, bytes[start...].contains(0) { nulParameter = index + 1 }
            bytes.append(0)
        }
    }

    var count: Int { types.count }

    /// Throws ``PostgresError/Kind/invalidParameter`` if a value cannot be sent whole.
    func validate() throws(PostgresError) {
        if let nulParameter { throw .nulCharacter(parameter: nulParameter) }
    }

    /// Calls `body` with the parameter count, types, values, lengths and formats for `PQexecParams`
    /// and its relatives.
    func withParameters<Result>(
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws -> Result
    ) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { text in
                let values = offsets.map { offset in offset.map { UnsafePointer(text.baseAddress! + $0) } }
                return try types.withUnsafeBufferPointer { types in
                    try values.withUnsafeBufferPointer { values in
                        try lengths.withUnsafeBufferPointer { lengths in
                            try formats.withUnsafeBufferPointer { formats in
                                try body(Int32(clamping: count), types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                            }
                        }
                    }
                }
            }
        }
    }
}
