/// Solves an ``AssignmentProblem`` with dense scores and capacities of at most 1 by
/// ``JonkerVolgenant``.
///
/// The problem becomes a square `n × n` cost matrix, `n = max(rows, cols)`: the cost of a
/// feasible pair worth `s > 0` is `-s`, and every other entry (infeasible, worth 0 or less, a
/// row or column of capacity 0, or a padding row or column) costs 0, standing for "not
/// matched". A least-cost full assignment of that matrix is a best matching of any size of the
/// problem; its pairs of cost 0 are dropped.
enum DenseAssignment {
    static func solve(_ problem: AssignmentProblem, scores: DenseScores) -> AssignmentSolution {
        let n = max(problem.rows, problem.cols)
        var cost = [Int32](repeating: 0, count: n * n)
        cost.withUnsafeMutableBufferPointer { cost in
            fillCosts(cost, n: n, problem: problem, scores: scores)
        }
        let rowsol = cost.withUnsafeBufferPointer { JonkerVolgenant.solve(n: n, cost: $0) }
        var total = 0
        var pairs: [AssignmentPair] = []
        for row in 0..<problem.rows where rowsol[row] < problem.cols {
            let col = rowsol[row]
            let entry = cost[row * n + col]
            if entry < 0 {
                total -= Int(entry)
                pairs.append(AssignmentPair(row: row, col: col))
            }
        }
        return AssignmentSolution(total: total, pairs: pairs)
    }

    private static func fillCosts(
        _ cost: UnsafeMutableBufferPointer<Int32>, n: Int, problem: AssignmentProblem, scores: DenseScores
    ) {
        let cols = problem.cols
        scores.values.withUnsafeBufferPointer { values in
            for row in 0..<problem.rows where problem.rowCapacity[row] > 0 {
                let target = cost.baseAddress! + row * n
                let source = values.baseAddress! + row * cols
                for col in 0..<cols {
                    // Scores lie in `AssignmentProblem.scoreRange`, so `-max(s, 0)` fits an Int32.
                    target[col] = Int32(truncatingIfNeeded: -max(source[col], 0))
                }
            }
        }
        if let feasible = scores.feasible {
            for row in 0..<problem.rows {
                for col in 0..<cols where !feasible[row * cols + col] {
                    cost[row * n + col] = 0
                }
            }
        }
        for col in 0..<cols where problem.colCapacity[col] == 0 {
            for row in 0..<problem.rows {
                cost[row * n + col] = 0
            }
        }
    }
}
