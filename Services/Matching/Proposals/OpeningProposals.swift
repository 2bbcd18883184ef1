import Chronology
import Contracts
import Foundation
import PostgresClient

/// Openings' proposals as matching computes them whenever something may change their ranking: the
/// stored opening, the people the replica's candidate index files under its category and
/// municipality, the hard rules, the weighted criteria and the top N. Reads only; ``MatchingHandler``
/// stores and announces the result.
public enum OpeningProposals {
    /// The top `top` proposals for each of `openings` on `today` and the bound each leaves, in the
    /// order of `openings`, among `candidates` brought in step with `connection`'s transaction.
    static func compute(
        for openings: [MatchingOpeningStore.Stored], today: CivilDate, weights: MatchingWeights, top: Int,
        among candidates: LiveCandidateIndex, on connection: PostgresConnection
    ) throws -> [Ranking.Proposed] {
        try candidates.withCandidates(on: connection) { state in
            openings.map { stored in
                Ranking.propose(
                    state.candidates(wanting: stored.opening.category, in: stored.opening.municipality),
                    for: stored.opening, today: today, weights: weights, top: top)
            }
        }
    }

    /// The top `top` proposals for `openingId` on `today` and the bound they leave; `nil` when the
    /// opening is unknown or withdrawn.
    public static func compute(
        openingId: UUID, today: CivilDate, weights: MatchingWeights, top: Int, among candidates: LiveCandidateIndex,
        on connection: PostgresConnection
    ) throws -> Ranking.Proposed? {
        guard let stored = try MatchingOpeningStore.opening(openingId, on: connection), !stored.opening.withdrawn else { return nil }
        return try compute(for: [stored], today: today, weights: weights, top: top, among: candidates, on: connection).first
    }
}
