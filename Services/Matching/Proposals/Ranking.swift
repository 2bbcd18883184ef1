import Chronology
import Contracts

/// Proposes people for an opening: the hard rules filter, the weighted criteria score, and a fixed
/// order ranks. Pure and deterministic: the same people, opening, day and weights always give the
/// same proposals.
///
/// Order (the tie-break): the higher weighted score first (compared exactly, before rounding to
/// 0–100); among equals, the one out of work longest (earlier `unemployedSince`); then the smaller
/// `candidateId` (compared by its UTF-8 bytes).
public enum Ranking {
    /// One scored person.
    public struct Scored: Sendable, Equatable {
        public var candidate: Candidate
        /// Σ weight × criterion score: the exact value ranks are decided on.
        public var weightedSum: Int
        /// ``weightedSum`` divided by the total weight, rounded half up: 0–100.
        public var score: Int
        public var criteria: [CriterionScore]
    }

    /// `candidate` scored for `opening` (whether or not it passes the hard rules).
    public static func score(_ candidate: Candidate, for opening: MatchOpening, today: CivilDate, weights: MatchingWeights) -> Scored {
        let criteria = Criteria.score(candidate, for: opening, today: today, weights: weights)
        let sum = criteria.reduce(0) { $0 + $1.weight * $1.score }
        let total = max(1, weights.total)
        return Scored(candidate: candidate, weightedSum: sum, score: (2 * sum + total) / (2 * total), criteria: criteria)
    }

    /// Whether `a` ranks before `b`.
    public static func ranksBefore(_ a: Scored, _ b: Scored) -> Bool {
        ranksBefore(a.candidate, a.weightedSum, b.candidate, b.weightedSum)
    }

    private static func ranksBefore(_ a: Candidate, _ aSum: Int, _ b: Candidate, _ bSum: Int) -> Bool {
        if aSum != bSum { return aSum > bSum }
        if a.unemployedSince != b.unemployedSince { return a.unemployedSince < b.unemployedSince }
        return a.candidateId.utf8.lexicographicallyPrecedes(b.candidateId.utf8)
    }

    /// Everyone of `candidates` who passes every hard rule, ranked.
    public static func ranked(_ candidates: [Candidate], for opening: MatchOpening, today: CivilDate, weights: MatchingWeights) -> [Scored] {
        candidates.filter { HardRules.allPass($0, for: opening, today: today) }
            .map { score($0, for: opening, today: today, weights: weights) }
            .sorted(by: ranksBefore)
    }

    /// The best `top` of ``ranked(_:for:today:weights:)`` as proposals, rank 1 first. Ranks on
    /// ``Criteria/weightedSum(_:for:today:weights:)`` and explains only the `top`: an opening may
    /// have thousands of people who pass the hard rules.
    public static func propose(_ candidates: [Candidate], for opening: MatchOpening, today: CivilDate, weights: MatchingWeights, top: Int) -> [ProposalPayload] {
        let passing = candidates.filter { HardRules.allPass($0, for: opening, today: today) }
        let sums = passing.map { Criteria.weightedSum($0, for: opening, today: today, weights: weights) }
        let best = passing.indices.sorted { ranksBefore(passing[$0], sums[$0], passing[$1], sums[$1]) }.prefix(top)
        return best.enumerated().map { rank, index in
            let scored = score(passing[index], for: opening, today: today, weights: weights)
            assert(scored.weightedSum == sums[index], "Criteria.weightedSum differs from Criteria.score")
            return ProposalPayload(candidateId: scored.candidate.candidateId, rank: rank + 1, score: scored.score, criteria: scored.criteria)
        }
    }
}

/// Why a person was or was not proposed for an opening, rule by rule: `spotjob matches explain`.
public struct MatchExplanation: Sendable, Codable, Equatable {
    public var openingId: String
    public var candidateId: String
    public var proposed: Bool
    public var rank: Int?
    public var score: Int?
    public var rules: [RuleResult]
    public var criteria: [CriterionScore]

    /// The explanation for `candidate` and `opening`; `proposals` are the opening's current ones
    /// (the person is proposed when among them).
    public init(candidate: Candidate, opening: MatchOpening, proposals: [ProposalPayload], today: CivilDate, weights: MatchingWeights) {
        let scored = Ranking.score(candidate, for: opening, today: today, weights: weights)
        let proposal = proposals.first { $0.candidateId == candidate.candidateId }
        openingId = opening.openingId
        candidateId = candidate.candidateId
        proposed = proposal != nil
        rank = proposal?.rank
        score = proposal?.score ?? scored.score
        rules = HardRules.evaluate(candidate, for: opening, today: today)
        criteria = proposal?.criteria ?? scored.criteria
    }
}
