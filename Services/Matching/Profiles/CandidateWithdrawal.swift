/// A `candidate.withdrawn`: the person leaves matching.
public struct CandidateWithdrawal: Sendable, Hashable {
    public let candidateId: String
    public let reason: String
}
