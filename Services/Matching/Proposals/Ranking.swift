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

    /// Where a person stands in an opening's order: all that ``ranksBefore(_:_:)`` compares.
    public struct Position: Sendable, Hashable {
        public var weightedSum: Int
        public var unemployedSince: CivilDate
        public var candidateId: String

        public init(weightedSum: Int, unemployedSince: CivilDate, candidateId: String) {
            self.weightedSum = weightedSum
            self.unemployedSince = unemployedSince
            self.candidateId = candidateId
        }

        init(_ candidate: Candidate, _ weightedSum: Int) {
            self.init(weightedSum: weightedSum, unemployedSince: candidate.unemployedSince, candidateId: candidate.candidateId)
        }
    }

    /// Whether `a` ranks before `b`.
    public static func ranksBefore(_ a: Scored, _ b: Scored) -> Bool {
        ranksBefore(Position(a.candidate, a.weightedSum), Position(b.candidate, b.weightedSum))
    }

    /// Whether `a` ranks before `b`: the order and tie-break above.
    public static func ranksBefore(_ a: Position, _ b: Position) -> Bool {
        if a.weightedSum != b.weightedSum { return a.weightedSum > b.weightedSum }
        if a.unemployedSince != b.unemployedSince { return a.unemployedSince < b.unemployedSince }
        return a.candidateId.utf8.lexicographicallyPrecedes(b.candidateId.utf8)
    }

    /// Everyone of `candidates` who passes every hard rule, ranked.
    public static func ranked(_ candidates: [Candidate], for opening: MatchOpening, today: CivilDate, weights: MatchingWeights) -> [Scored] {
        candidates.filter { HardRules.allPass($0, for: opening, today: today) }
            .map { score($0, for: opening, today: today, weights: weights) }
            .sorted(by: ranksBefore)
    }

    /// An opening's proposals and the bound they leave for the people not among them.
    public struct Proposed: Sendable, Equatable {
        /// Rank 1 first.
        public var proposals: [ProposalPayload]
        public var bound: ProposalBound
    }

    /// The best `top` of ``ranked(_:for:today:weights:)`` as proposals, rank 1 first. Ranks on
    /// ``Criteria/weightedSum(_:for:today:weights:)`` and explains only the `top`: an opening may
    /// have thousands of people who pass the hard rules.
    public static func propose(_ candidates: [Candidate], for opening: MatchOpening, today: CivilDate, weights: MatchingWeights, top: Int) -> Proposed {
        let passing = candidates.filter { HardRules.allPass($0, for: opening, today: today) }
        let positions = passing.map { Position($0, Criteria.weightedSum($0, for: opening, today: today, weights: weights)) }
        // The first `top` in order, kept sorted while reading everyone once (no sort of thousands).
        var best: [Int] = []
        for index in passing.indices {
            if best.count == top, let last = best.last, !ranksBefore(positions[index], positions[last]) { continue }
            best.insert(index, at: best.firstIndex { ranksBefore(positions[index], positions[$0]) } ?? best.endIndex)
            if best.count > top { best.removeLast() }
        }
        let proposals = best.enumerated().map { rank, index in
            let scored = score(passing[index], for: opening, today: today, weights: weights)
            assert(scored.weightedSum == positions[index].weightedSum, "Criteria.weightedSum differs from Criteria.score")
            return ProposalPayload(candidateId: scored.candidate.candidateId, rank: rank + 1, score: scored.score, criteria: scored.criteria)
        }
        let bound = ProposalBound(
            day: today, model: weights.model, top: top, count: proposals.count, last: best.last.map { positions[$0] })
        return Proposed(proposals: proposals, bound: bound)
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
