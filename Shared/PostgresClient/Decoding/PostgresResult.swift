import CLibPQ

/// Owns a `PGresult` and frees it.
///
/// libpq never changes a `PGresult` after handing it out and documents it as safe to read from any
/// thread, hence `@unchecked Sendable`.
final class PostgresResult: @unchecked Sendable {
    let pointer: OpaquePointer
    let rowCount: Int
    let columnNames: [String]
    /// The first column of each name.
    let columnIndexes: [String: Int]

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        self.rowCount = Int(PQntuples(pointer))
        let columnNames = (0..<PQnfields(pointer)).map { String(cString: PQfname(pointer, $0)) }
        self.columnNames = columnNames
        self.columnIndexes = Dictionary(zip(columnNames, columnNames.indices)) { first, _ in first }
    }

    deinit {
        PQclear(pointer)
    }
}
