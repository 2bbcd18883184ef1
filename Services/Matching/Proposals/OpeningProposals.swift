import Chronology
import Contracts
import Foundation
import PostgresClient

/// Openings' proposals as matching computes them whenever something may change their ranking: the
/// stored opening, the candidates the database prefilters for it, the hard rules, the weighted
/// criteria and the top N. Reads only; ``MatchingHandler`` stores and announces the result.
public enum OpeningProposals {
    /// Openings whose prefilter queries go in one round trip (pipelined): few round trips, and the
    /// rows of at most this many openings held at once.
    static let openingsPerRoundTrip = 32

    /// The top `top` proposals for each of `openings` on `today` and the bound each leaves, in the
    /// order of `openings`.
    static func compute(
        for openings: [MatchingOpeningStore.Stored], today: CivilDate, weights: MatchingWeights, top: Int, on connection: PostgresConnection
    ) throws -> [Ranking.Proposed] {
        var proposed: [Ranking.Proposed] = []
        proposed.reserveCapacity(openings.count)
        for start in stride(from: 0, to: openings.count, by: openingsPerRoundTrip) {
            let part = openings[start..<min(start + openingsPerRoundTrip, openings.count)]
            let rows = try connection.pipeline(part.map { CandidateStore.prefilter(for: $0.opening, today: today) })
            for (stored, rows) in zip(part, rows) {
                proposed.append(Ranking.propose(try rows.map(CandidateStore.candidate), for: stored.opening, today: today, weights: weights, top: top))
            }
        }
        return proposed
    }

    /// The top `top` proposals for `openingId` on `today` and the bound they leave; `nil` when the
    /// opening is unknown or withdrawn.
    public static func compute(
        openingId: UUID, today: CivilDate, weights: MatchingWeights, top: Int, on connection: PostgresConnection
    ) throws -> Ranking.Proposed? {
        guard let stored = try MatchingOpeningStore.opening(openingId, on: connection), !stored.opening.withdrawn else { return nil }
        return try compute(for: [stored], today: today, weights: weights, top: top, on: connection).first
    }
}
