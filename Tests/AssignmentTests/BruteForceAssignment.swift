import Assignment

/// The optimum total of a small ``AssignmentProblem``, by trying every subset of its feasible pairs.
enum BruteForceAssignment {
    static func bestTotal(_ problem: AssignmentProblem) -> Int {
        let edges = feasibleEdges(problem)
        precondition(edges.count <= 20, "too many pairs for brute force")
        var rowLeft = problem.rowCapacity
        var colLeft = problem.colCapacity
        func best(from index: Int) -> Int {
            guard index < edges.count else { return 0 }
            let edge = edges[index]
            var result = best(from: index + 1)
            if rowLeft[edge.row] > 0, colLeft[edge.col] > 0 {
                rowLeft[edge.row] -= 1
                colLeft[edge.col] -= 1
                result = max(result, edge.score + best(from: index + 1))
                rowLeft[edge.row] += 1
                colLeft[edge.col] += 1
            }
            return result
        }
        return best(from: 0)
    }

    /// Every feasible pair, whatever its score.
    static func feasibleEdges(_ problem: AssignmentProblem) -> [AssignmentEdge] {
        switch problem.scores {
        case .sparse(let edges):
            return edges
        case .dense(let dense):
            return (0..<problem.rows).flatMap { row in
                (0..<problem.cols).compactMap { col in
                    dense.score(row: row, col: col).map { AssignmentEdge(row: row, col: col, score: $0) }
                }
            }
        }
    }
}
