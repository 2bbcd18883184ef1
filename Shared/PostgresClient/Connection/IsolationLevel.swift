/// A transaction's isolation level.
public enum IsolationLevel: Sendable {
    case readCommitted
    case repeatableRead
    /// Transactions may fail with ``PostgresError/Kind/serializationFailure`` and should then be retried.
    case serializable

    var sql: String {
        switch self {
        case .readCommitted: "READ COMMITTED"
        case .repeatableRead: "REPEATABLE READ"
        case .serializable: "SERIALIZABLE"
        }
    }
}
