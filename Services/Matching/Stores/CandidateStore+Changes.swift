import PostgresClient

extension CandidateStore {
    /// The candidates written by transactions from `horizon` on (every one from 0), with the table's
    /// new horizon and emptied count (migration 006), in one statement: the horizon is taken before
    /// the rows are read, so whatever a transaction below it wrote is among what this read sees.
    static func changes(since horizon: UInt64, on connection: PostgresConnection) throws -> CandidateChanges {
        let rows = try connection.query(
            """
            WITH now AS (
                SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon, (SELECT times FROM candidates_emptied) AS emptied)
            SELECT c.*, now.horizon, now.emptied
            FROM now LEFT JOIN LATERAL (
                SELECT \(candidateColumns), c.status = 'active' AS active, c.written_by::text AS written_by
                FROM candidates c WHERE c.written_by >= $1::text::xid8) AS c ON true
            """, [String(horizon)])
        guard let first = rows.first, let newHorizon = UInt64(try first.decode(String.self, column: "horizon")) else {
            throw StoredValueError(table: "candidates")
        }
        let emptied = try first.decode(Int.self, column: "emptied")
        if try first.decode(String?.self, at: 0) == nil {
            return CandidateChanges(rows: [], horizon: newHorizon, emptied: emptied)
        }
        return CandidateChanges(
            rows: try rows.map { row in
                guard let transaction = UInt64(try row.decode(String.self, column: "written_by")) else {
                    throw StoredValueError(table: "candidates")
                }
                return CandidateChanges.Row(
                    candidate: try candidate(row), active: try row.decode(Bool.self, column: "active"),
                    transaction: transaction)
            },
            horizon: newHorizon, emptied: emptied)
    }
}
