/// What one read of the candidates table says changed: every row written by a transaction at or
/// after the horizon asked for, the table's new horizon, and how often it was emptied.
///
/// The horizon is PostgreSQL's: every transaction with a lower id had ended when the rows were
/// read, so a row written by one of them is final (committed; an aborted one's rows are never
/// seen). A row of a higher transaction id may still change or vanish: the reader's own
/// uncommitted writes, or those of a transaction that may yet roll back.
public struct CandidateChanges: Sendable {
    public struct Row: Sendable {
        /// As scoring sees the person, whatever their status.
        public var candidate: Candidate
        public var active: Bool
        /// The id of the transaction that last wrote the row.
        public var transaction: UInt64

        public init(candidate: Candidate, active: Bool, transaction: UInt64) {
            self.candidate = candidate
            self.active = active
            self.transaction = transaction
        }
    }

    public var rows: [Row]
    public var horizon: UInt64
    /// Counts every TRUNCATE or DELETE of candidates: when it moved, the index starts over.
    public var emptied: Int

    public init(rows: [Row], horizon: UInt64, emptied: Int) {
        self.rows = rows
        self.horizon = horizon
        self.emptied = emptied
    }
}
