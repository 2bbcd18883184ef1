/// The named prepared statements of one connection, by SQL text.
///
/// A statement is prepared the second time it runs, so it is parsed and planned once per connection
/// instead of on every run: that halves the cost of a pipelined insert and cuts a 20-column upsert
/// with `RETURNING` to a fifth. A schema change makes the server replan; only a changed result row
/// type fails a prepared statement (SQLSTATE 0A000, "cached plan must not change result type"), and
/// then the statement is forgotten, so the next run prepares it afresh. At most ``capacity``
/// statements are prepared; later ones run unnamed.
struct PreparedStatements {
    static let capacity = 256

    private var names: [String: String] = [:]
    private var candidates: Set<String> = []
    private var nextNumber = 0

    /// The name of `sql`'s prepared statement, if it has one.
    func name(for sql: String) -> String? {
        names[sql]
    }

    /// Records that `sql` ran unnamed, so its next run may prepare it.
    mutating func noteRan(_ sql: String) {
        if candidates.count < Self.capacity { candidates.insert(sql) }
    }

    /// A new name for `sql` if it should be prepared now; the caller prepares it, and calls
    /// ``forget(_:)`` if that fails.
    mutating func nameToPrepare(_ sql: String) -> String? {
        guard names.count < Self.capacity, candidates.remove(sql) != nil else { return nil }
        nextNumber += 1
        let name = "postgres_client_\(nextNumber)"
        names[sql] = name
        return name
    }

    /// Drops `sql`'s name: its preparation failed, or the server no longer knows it.
    mutating func forget(_ sql: String) {
        names[sql] = nil
    }

    /// Whether `error`, raised by running a prepared statement, means the statement must be
    /// prepared anew: the server no longer knows it (26000) or its result type changed (0A000).
    static func invalidates(_ error: PostgresError) -> Bool {
        error.sqlState == "26000" || error.sqlState == "0A000"
    }
}
