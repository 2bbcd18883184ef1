import Domain

/// A process's copy of the active candidates, kept in step with the table by reading only what
/// changed (``CandidateChanges``): the rows final at the last read in ``CandidateIndex``, and the
/// rows of transactions that may still end otherwise (this transaction's own writes among them)
/// beside it, read again each time until they are final. Whoever wrote them (this replica, another
/// one, a bulk load), a committed change reaches the index on the next read, and an uncommitted one
/// never stays in it.
public struct CandidateIndexState: Sendable {
    public private(set) var index = CandidateIndex()
    /// The horizon to read changes from: every row of a lower transaction is in ``index``.
    public private(set) var horizon: UInt64 = 0
    /// The table's ``CandidateChanges/emptied`` when ``index`` was started; `nil` before the first read.
    private var emptied: Int?
    /// Rows that are not final yet, by candidate id; `nil` for someone not active.
    private var pending: [String: Candidate?] = [:]

    public init() {}

    /// What to do after a read.
    public enum Step: Equatable, Sendable {
        case inStep
        /// The table was emptied since the index was started: read everything again (from horizon 0).
        case startOver
    }

    /// Takes in `changes`, read from ``horizon``.
    public mutating func apply(_ changes: CandidateChanges) -> Step {
        if let emptied, emptied != changes.emptied {
            self = CandidateIndexState()
            return .startOver
        }
        emptied = changes.emptied
        pending = [:]
        for row in changes.rows {
            if row.transaction < changes.horizon {
                if row.active { index.file(row.candidate) } else { index.remove(row.candidate.candidateId) }
            } else {
                pending.updateValue(row.active ? row.candidate : nil, forKey: row.candidate.candidateId)
            }
        }
        horizon = max(horizon, changes.horizon)
        return .inStep
    }

    /// The active candidates who want `category` and can get to `municipality`, and those of rows
    /// not final yet (who may be anywhere: the hard rules decide).
    public func candidates(wanting category: JobCategory, in municipality: String) -> [Candidate] {
        let filed = index.candidates(wanting: category, in: municipality)
        guard !pending.isEmpty else { return filed }
        return filed.filter { pending.index(forKey: $0.candidateId) == nil } + pending.values.compactMap { $0 }
    }
}
