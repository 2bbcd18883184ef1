import Assignment
import SeededRandom

/// Random small problems for the tests, from a seeded ``SplitMix64``.
struct RandomProblems {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A problem of `rows × cols` whose pairs are feasible with probability `density`, scores in
    /// `scores`, capacities drawn from `capacities` (all 1 when `nil`), given dense or sparse.
    mutating func problem(
        rows: Int, cols: Int, density: Double, scores: ClosedRange<Int>, capacities: ClosedRange<Int>? = nil, dense: Bool
    ) -> AssignmentProblem {
        var grid: [[Int?]] = []
        for _ in 0..<rows {
            grid.append((0..<cols).map { _ in
                Double.random(in: 0..<1, using: &generator) < density ? Int.random(in: scores, using: &generator) : nil
            })
        }
        let rowCapacity = capacities.map { range in (0..<rows).map { _ in Int.random(in: range, using: &generator) } }
        let colCapacity = capacities.map { range in (0..<cols).map { _ in Int.random(in: range, using: &generator) } }
        if dense {
            return try! AssignmentProblem(rows: rows, cols: cols, rowCapacity: rowCapacity, colCapacity: colCapacity, scores: grid)
        }
        var edges: [AssignmentEdge] = []
        for row in 0..<rows {
            for col in 0..<cols {
                if let score = grid[row][col] { edges.append(AssignmentEdge(row: row, col: col, score: score)) }
            }
        }
        edges.shuffle(using: &generator)
        return try! AssignmentProblem(rows: rows, cols: cols, rowCapacity: rowCapacity, colCapacity: colCapacity, edges: edges)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }
}
