import CLibPQ

/// The rows a statement returned, read on demand from libpq's result.
public struct PostgresRows: RandomAccessCollection, Sendable {
    let result: PostgresResult

    init(_ result: PostgresResult) {
        self.result = result
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { result.rowCount }

    public subscript(position: Int) -> PostgresRow {
        precondition(indices.contains(position), "row \(position) out of range 0..<\(count)")
        return PostgresRow(result: result, index: Int32(position))
    }

    /// The result columns' names, in order.
    public var columnNames: [String] { result.columnNames }

    /// The number of rows an `INSERT`, `UPDATE`, `DELETE`, `MERGE`, `SELECT` or `COPY` affected; 0 for other commands.
    public var affectedRows: Int {
        Int(String(cString: PQcmdTuples(result.pointer))) ?? 0
    }
}
