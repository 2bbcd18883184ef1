import Chronology
import Contracts
import Foundation
import PostgresClient

/// One opening's proposals as matching computes them whenever something may change its ranking:
/// the stored opening, the candidates the database prefilters for it, the hard rules, the weighted
/// criteria and the top N. Reads only; ``MatchingHandler`` stores and announces the result.
public enum OpeningProposals {
    /// The top `top` proposals for `openingId` on `today` and the bound they leave, with the
    /// opening as stored (and its previous bound); `nil` when the opening is unknown or withdrawn.
    public static func compute(
        openingId: UUID, today: CivilDate, weights: MatchingWeights, top: Int, on connection: PostgresConnection
    ) throws -> (stored: MatchingOpeningStore.Stored, proposed: Ranking.Proposed)? {
        guard let stored = try MatchingOpeningStore.opening(openingId, on: connection), !stored.opening.withdrawn else { return nil }
        let candidates = try CandidateStore.prefiltered(for: stored.opening, today: today, on: connection)
        return (stored, Ranking.propose(candidates, for: stored.opening, today: today, weights: weights, top: top))
    }
}
