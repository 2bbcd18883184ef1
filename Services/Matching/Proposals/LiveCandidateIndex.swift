import Chronology
import PostgresClient
import Synchronization

/// The replica's in-memory candidates (``CandidateIndexState``), brought in step with the table
/// within the transaction that ranks: the first use reads every candidate, later ones only the
/// rows written since (one indexed query, usually returning nothing or this transaction's own).
public final class LiveCandidateIndex: Sendable {
    private let state = Mutex(CandidateIndexState())

    public init() {}

    /// Runs `body` on the candidates as `connection`'s transaction sees them now.
    public func withCandidates<Result>(
        on connection: PostgresConnection, _ body: (borrowing CandidateIndexState) throws -> Result
    ) throws -> Result {
        try state.withLock { state in
            while state.apply(try CandidateStore.changes(since: state.horizon, on: connection)) == .startOver {}
            return try body(state)
        }
    }

    /// How many candidates are filed as final.
    public var count: Int { state.withLock { $0.index.count } }
}
