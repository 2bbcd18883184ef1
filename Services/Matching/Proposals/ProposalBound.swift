import Chronology

/// What an opening's proposals were decided against: the day, the model, N, how many people were
/// proposed and where the last of them stands.
///
/// A person who is not among an opening's proposals can change them only by entering: by passing
/// every hard rule and, when all N places are taken, by ranking before the last. On the day the
/// proposals were decided, with the same model and N, ``admits(_:to:today:weights:top:)`` answers
/// that without ranking anyone else; on another day (time out of work and availability move with
/// the date) or with other settings it admits everyone, and the opening is ranked anew.
public struct ProposalBound: Sendable, Hashable {
    public var day: CivilDate
    /// ``MatchingWeights/model`` of the proposals.
    public var model: String
    /// N: how many were to be proposed.
    public var top: Int
    /// How many were proposed: N, or fewer when fewer people passed the hard rules.
    public var count: Int
    /// The last proposal's position; `nil` when nobody was proposed.
    public var last: Ranking.Position?

    public init(day: CivilDate, model: String, top: Int, count: Int, last: Ranking.Position?) {
        self.day = day
        self.model = model
        self.top = top
        self.count = count
        self.last = last
    }

    /// Whether `candidate`, who is not among `opening`'s proposals, may enter them on `today`:
    /// `false` only when the proposals provably stay as they are.
    public func admits(_ candidate: Candidate, to opening: MatchOpening, today: CivilDate, weights: MatchingWeights, top: Int) -> Bool {
        guard day == today, model == weights.model, self.top == top else { return true }
        guard HardRules.allPass(candidate, for: opening, today: today) else { return false }
        guard count >= top, let last else { return true }
        let position = Ranking.Position(
            weightedSum: Criteria.weightedSum(candidate, for: opening, today: today, weights: weights),
            unemployedSince: candidate.unemployedSince, candidateId: candidate.candidateId)
        return Ranking.ranksBefore(position, last)
    }
}
