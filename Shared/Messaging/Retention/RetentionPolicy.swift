/// How long a service keeps what it only needs for a while: inbox rows (the message ids that make a
/// redelivery harmless) and the raw bodies of refused messages (which may hold personal data).
/// Business records (openings, profiles, placements, invoices) are never deleted by retention.
public struct RetentionPolicy: Sendable, Hashable {
    /// Days an inbox row is kept: safely longer than any redelivery (the broker's and a replay's).
    public var inboxDays: Int
    /// Days a refused message's raw body is kept.
    public var rejectedDays: Int
    /// Rows deleted per statement, so retention never holds long locks.
    public var batchSize: Int

    public init(inboxDays: Int = 14, rejectedDays: Int = 90, batchSize: Int = 1000) {
        precondition(inboxDays >= 1 && rejectedDays >= 1 && batchSize >= 1, "retention keeps at least a day, in batches of at least one row")
        self.inboxDays = inboxDays
        self.rejectedDays = rejectedDays
        self.batchSize = batchSize
    }
}
