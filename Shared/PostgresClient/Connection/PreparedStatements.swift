/// The named prepared statements of one connection, by SQL text.
///
/// A statement is prepared the second time it runs, and only if its first run returned no rows
/// (`INSERT`, `UPDATE`, `DELETE` without `RETURNING`): such statements are planned once per connection
/// instead of on every run, which halves the cost of a pipelined insert, and a schema change never
/// invalidates them (the server replans them; only a changed result row type would fail a prepared
/// statement). At most ``capacity`` statements are prepared; later ones run unnamed.
struct PreparedStatements {
    static let capacity = 256

    private var names: [String: String] = [:]
    private var candidates: Set<String> = []
    private var nextNumber = 0

    /// The name of `sql`'s prepared statement, if it has one.
    func name(for sql: String) -> String? {
        names[sql]
    }

    /// Records that `sql` ran unnamed and returned no rows, so its next run may prepare it.
    mutating func noteRowless(_ sql: String) {
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
}
