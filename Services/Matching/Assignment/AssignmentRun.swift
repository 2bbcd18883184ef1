import Assignment
import Chronology
import Contracts
import Foundation
import Messaging
import PostgresClient

/// The assignment of people to open positions with the greatest total score, over all open
/// openings and available people (optionally of one jobcenter): an opening takes up to its open
/// positions, a person up to their free slots, never the same opening twice. Solved exactly by
/// ``AssignmentSolver`` (min-cost flow; Jonker–Volgenant where every capacity is 1).
///
/// Only pairs that pass every hard rule are feasible, each worth the proposal score (0–100).
/// Among assignments of equal total score the one with the most pairs wins (each pair's solver
/// weight is score × K + 1, K larger than any number of pairs), so a feasible pair scoring 0 is
/// still made when it costs nothing.
public enum AssignmentRun {
    /// The problem and what its rows and columns are.
    public struct Built: Sendable {
        public var openings: [MatchOpening]
        public var candidates: [Candidate]
        public var edges: [AssignmentEdge]
        /// The proposal score of each edge, in the order of ``edges``.
        public var scores: [Int]
        public var multiplier: Int
    }

    /// Feasible pairs of `openings` and `candidates`.
    public static func build(openings: [MatchOpening], candidates: [Candidate], today: CivilDate, weights: MatchingWeights) -> Built {
        let openings = openings.filter { $0.openPositions > 0 && !$0.withdrawn }
        let candidates = candidates.filter { $0.freeSlots > 0 }
        // People by (category, municipality), so each opening looks only at those who might fit.
        var buckets: [String: [Int]] = [:]
        for (index, candidate) in candidates.enumerated() {
            for category in candidate.categories {
                for municipality in candidate.workMunicipalities { buckets["\(category.rawValue)|\(municipality)", default: []].append(index) }
            }
        }
        let pairsBound = min(openings.reduce(0) { $0 + $1.openPositions }, candidates.reduce(0) { $0 + $1.freeSlots })
        let multiplier = pairsBound + 1
        var edges: [AssignmentEdge] = []
        var scores: [Int] = []
        for (row, opening) in openings.enumerated() {
            for col in buckets["\(opening.category.rawValue)|\(opening.municipality)"] ?? [] {
                let candidate = candidates[col]
                guard HardRules.allPass(candidate, for: opening, today: today) else { continue }
                let score = Ranking.score(candidate, for: opening, today: today, weights: weights).score
                edges.append(AssignmentEdge(row: row, col: col, score: score * multiplier + 1))
                scores.append(score)
            }
        }
        return Built(openings: openings, candidates: candidates, edges: edges, scores: scores, multiplier: multiplier)
    }

    /// Solves `built`; returns the pairs with their proposal scores.
    public static func solve(_ built: Built) throws -> [(opening: MatchOpening, candidate: Candidate, score: Int)] {
        guard !built.openings.isEmpty, !built.candidates.isEmpty, !built.edges.isEmpty else { return [] }
        let problem = try AssignmentProblem(
            rows: built.openings.count, cols: built.candidates.count,
            rowCapacity: built.openings.map(\.openPositions), colCapacity: built.candidates.map(\.freeSlots),
            edges: built.edges)
        let solution = AssignmentSolver.solve(problem)
        var scoreOfPair: [Int: Int] = [:]
        for (edge, score) in zip(built.edges, built.scores) { scoreOfPair[edge.row * built.candidates.count + edge.col] = score }
        return solution.pairs.map { pair in
            (built.openings[pair.row], built.candidates[pair.col], scoreOfPair[pair.row * built.candidates.count + pair.col] ?? 0)
        }
    }
}
