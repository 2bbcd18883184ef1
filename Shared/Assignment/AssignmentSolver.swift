/// Computes the exact optimum of an ``AssignmentProblem``: the feasible pairs, each used at most
/// once and within every row's and column's capacity, of the greatest total score.
///
/// The result is a matching of any size: pairs worth 0 or less are left out, and rows and
/// columns may stay unmatched. On a dense instance with every pair feasible, scores of at least
/// 0 and capacities of 1, the optimum ``AssignmentSolution/total`` therefore equals the total of
/// `scipy.optimize.linear_sum_assignment(scores, maximize=True)`, which assigns
/// `min(rows, cols)` pairs: with nonnegative scores some best matching can always be completed to
/// that size with pairs worth 0 (the pairs themselves may differ where optima tie).
public enum AssignmentSolver {
    /// Which algorithm solves a problem.
    public enum Method: Sendable, Hashable, CaseIterable {
        /// ``denseJonkerVolgenant`` when capacities are at most 1 and the scores are dense, or
        /// sparse but with at least a tenth of all pairs feasible (and at most 2²⁶ pairs in
        /// all); ``minCostFlow`` otherwise.
        case automatic
        /// Jonker–Volgenant on the square cost matrix padded to `max(rows, cols)`; capacities
        /// above 1 are not supported (``solve(_:method:)`` falls back to ``minCostFlow``).
        case denseJonkerVolgenant
        /// Successive shortest paths with potentials over the feasible pairs; any capacities.
        case minCostFlow
    }

    /// The best assignment of `problem`.
    public static func solve(_ problem: AssignmentProblem, method: Method = .automatic) -> AssignmentSolution {
        switch (method, problem.scores) {
        case (.automatic, .dense(let scores)) where problem.hasUnitCapacities,
            (.denseJonkerVolgenant, .dense(let scores)) where problem.hasUnitCapacities:
            return DenseAssignment.solve(problem, scores: scores)
        case (.denseJonkerVolgenant, .sparse) where problem.hasUnitCapacities:
            return DenseAssignment.solve(problem, scores: denseScores(of: problem))
        case (.automatic, .sparse(let edges)) where problem.hasUnitCapacities && isDenseEnough(problem, edges: edges.count):
            return DenseAssignment.solve(problem, scores: denseScores(of: problem))
        default:
            return MinCostFlowAssignment.solve(problem)
        }
    }

    /// Whether sparse scores are dense enough for ``Method/denseJonkerVolgenant`` to beat
    /// ``Method/minCostFlow``, judged from measurements on random instances.
    private static func isDenseEnough(_ problem: AssignmentProblem, edges: Int) -> Bool {
        let pairs = problem.rows.multipliedReportingOverflow(by: problem.cols)
        return !pairs.overflow && pairs.partialValue <= 1 << 26 && edges * 10 >= pairs.partialValue
    }

    /// The sparse scores of `problem` written out densely, pairs not given infeasible.
    private static func denseScores(of problem: AssignmentProblem) -> DenseScores {
        var values = [Int](repeating: 0, count: problem.rows * problem.cols)
        var feasible = [Bool](repeating: false, count: problem.rows * problem.cols)
        for edge in problem.positiveEdges() {
            values[edge.row * problem.cols + edge.col] = edge.score
            feasible[edge.row * problem.cols + edge.col] = true
        }
        // The values come from a validated problem, so this cannot throw.
        return try! DenseScores(rows: problem.rows, cols: problem.cols, values: values, feasible: feasible)
    }
}
