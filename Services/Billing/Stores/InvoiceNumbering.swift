import PostgresClient

/// Where an invoice is numbered (and a credit note: one series for both).
///
/// Numbers are gapless and never reused: the next numbers of a series are taken in the issuing
/// transaction by incrementing the series' row in `number_series`. The `UPDATE` locks the row
/// (the same row lock as `SELECT … FOR UPDATE`) until the transaction ends, so a second replica
/// issuing at the same moment waits and then continues after the first one's last number; a
/// transaction that rolls back gives its numbers back with everything else. A PostgreSQL sequence
/// would not do: it is not transactional and leaves gaps on rollback.
///
/// The lock is the one point every issuing transaction passes one at a time, so the issuer takes
/// it last, after everything else in the transaction, and for all documents of a batch at once.
public enum InvoiceNumbering {
    /// The series numbers are taken from unless `BILLING_NUMBER_SERIES` names another (tests use a
    /// series of their own so that they can check their numbers run 1, 2, 3, …).
    public static let defaultSeries = "main"

    /// Takes the next `count` numbers of `series` (creating the series at 1 the first time) and
    /// returns the first. The series row stays locked until the transaction ends.
    static func take(_ count: Int, of series: String, on connection: PostgresConnection) throws -> Int {
        precondition(count > 0)
        let last = try connection.query(
            """
            INSERT INTO number_series AS s (series, last_number) VALUES ($1, $2)
            ON CONFLICT (series) DO UPDATE SET last_number = s.last_number + EXCLUDED.last_number
            RETURNING last_number
            """, [series, count]
        ).first?.decode(Int.self, at: 0)
        guard let last else { throw NumberingError.noRowReturned(series) }
        return last - count + 1
    }
}

enum NumberingError: Error, CustomStringConvertible {
    case noRowReturned(String)

    var description: String {
        switch self {
        case .noRowReturned(let series): "taking numbers of series \(series) returned no row"
        }
    }
}
