import CLibPQ

/// Binds encoded into one buffer of NUL-terminated text values, laid out as libpq takes them.
struct PostgresBinds: Sendable {
    private var types: [Oid] = []
    /// Each value's start in ``bytes``, or `nil` for SQL `NULL`.
    private var offsets: [Int?] = []
    private var bytes: [UInt8] = []

    init(_ values: [(any PostgresEncodable)?]) {
        types.reserveCapacity(values.count)
        offsets.reserveCapacity(values.count)
        for value in values {
            guard let value else {
                types.append(PostgresDataType.unknown.rawValue)
                offsets.append(nil)
                continue
            }
            types.append(type(of: value).postgresDataType.rawValue)
            offsets.append(bytes.count)
            value.encodePostgresText(into: &bytes)
            bytes.append(0)
        }
    }

    var count: Int { types.count }

    /// Calls `body` with the parameter count, types and values for `PQexecParams` and its relatives.
    func withParameters<Result>(
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?) throws -> Result
    ) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { text in
                let values = offsets.map { offset in offset.map { UnsafePointer(text.baseAddress! + $0) } }
                return try types.withUnsafeBufferPointer { types in
                    try values.withUnsafeBufferPointer { values in
                        try body(Int32(clamping: count), types.baseAddress, values.baseAddress)
                    }
                }
            }
        }
    }
}
