/// Solves an ``AssignmentProblem`` with dense scores and capacities of at most 1 by
/// ``JonkerVolgenant``.
///
/// The problem becomes a cost matrix: the cost of a feasible pair worth `s > 0` is `-s`, and every
/// other entry (infeasible, worth 0 or less, or in a row or column of capacity 0) costs 0,
/// standing for "not matched". Rows and columns of cost 0 throughout are then left out (rows of
/// equal costs are the worst case of the algorithm's ties), and the matrix is transposed when it
/// has more rows than columns. A least-cost assignment of every row of what is left is a best
/// matching of any size of the problem; its pairs of cost 0 are dropped.
enum DenseAssignment {
    static func solve(_ problem: AssignmentProblem, scores: DenseScores) -> AssignmentSolution {
        let full = CostMatrix(problem, scores: scores)
        let activeRows = full.rowHasCost.indices.filter { full.rowHasCost[$0] }
        let activeCols = full.colHasCost.indices.filter { full.colHasCost[$0] }
        guard !activeRows.isEmpty else { return AssignmentSolution(total: 0, pairs: []) }
        let transposed = activeRows.count > activeCols.count
        let matrix: CostMatrix
        if !transposed, activeRows.count == full.rows, activeCols.count == full.cols {
            matrix = full
        } else {
            matrix = full.submatrix(rows: activeRows, cols: activeCols, transposed: transposed)
        }
        let solution = matrix.cost.withUnsafeBufferPointer {
            JonkerVolgenant.solve(rows: matrix.rows, cols: matrix.cols, cost: $0)
        }
        var total = 0
        var pairs: [AssignmentPair] = []
        for (row, col) in solution.enumerated() {
            let entry = matrix.cost[row * matrix.cols + col]
            if entry < 0 {
                total -= Int(entry)
                pairs.append(
                    transposed
                        ? AssignmentPair(row: activeRows[col], col: activeCols[row])
                        : AssignmentPair(row: activeRows[row], col: activeCols[col])
                )
            }
        }
        return AssignmentSolution(total: total, pairs: pairs)
    }
}

/// A row-major `Int32` cost matrix, and which of its rows and columns have an entry other than 0.
struct CostMatrix {
    let rows: Int
    let cols: Int
    var cost: [Int32]
    var rowHasCost: [Bool]
    var colHasCost: [Bool]

    /// The costs of `problem`'s pairs, as ``DenseAssignment`` describes.
    init(_ problem: AssignmentProblem, scores: DenseScores) {
        rows = problem.rows
        cols = problem.cols
        cost = [Int32](repeating: 0, count: rows * cols)
        let cols = cols
        cost.withUnsafeMutableBufferPointer { cost in
            scores.values.withUnsafeBufferPointer { values in
                for row in 0..<problem.rows where problem.rowCapacity[row] > 0 {
                    let target = cost.baseAddress! + row * cols
                    let source = values.baseAddress! + row * cols
                    for col in 0..<cols {
                        // Scores lie in `AssignmentProblem.scoreRange`, so `-max(s, 0)` fits an Int32.
                        target[col] = Int32(truncatingIfNeeded: -max(source[col], 0))
                    }
                }
            }
            if let feasible = scores.feasible {
                for index in feasible.indices where !feasible[index] { cost[index] = 0 }
            }
            for col in 0..<cols where problem.colCapacity[col] == 0 {
                for row in 0..<problem.rows { cost[row * cols + col] = 0 }
            }
        }
        (rowHasCost, colHasCost) = Self.nonzeroRowsAndCols(cost, rows: rows, cols: cols)
    }

    private init(rows: Int, cols: Int, cost: [Int32]) {
        self.rows = rows
        self.cols = cols
        self.cost = cost
        (rowHasCost, colHasCost) = Self.nonzeroRowsAndCols(cost, rows: rows, cols: cols)
    }

    /// The entries at `rows × cols`, as `[cols][rows]` when `transposed`.
    func submatrix(rows subRows: [Int], cols subCols: [Int], transposed: Bool) -> CostMatrix {
        var sub = [Int32](repeating: 0, count: subRows.count * subCols.count)
        let (rowStride, colStride) = transposed ? (1, subRows.count) : (subCols.count, 1)
        let cols = cols
        sub.withUnsafeMutableBufferPointer { sub in
            cost.withUnsafeBufferPointer { cost in
                for (a, row) in subRows.enumerated() {
                    for (b, col) in subCols.enumerated() {
                        sub[a * rowStride + b * colStride] = cost[row * cols + col]
                    }
                }
            }
        }
        return transposed
            ? CostMatrix(rows: subCols.count, cols: subRows.count, cost: sub)
            : CostMatrix(rows: subRows.count, cols: subCols.count, cost: sub)
    }

    private static func nonzeroRowsAndCols(_ cost: [Int32], rows: Int, cols: Int) -> ([Bool], [Bool]) {
        var rowHasCost = [Bool](repeating: false, count: rows)
        var colAny = [Int32](repeating: 0, count: cols)
        cost.withUnsafeBufferPointer { cost in
            colAny.withUnsafeMutableBufferPointer { colAny in
                for row in 0..<rows {
                    let entries = cost.baseAddress! + row * cols
                    var rowAny: Int32 = 0
                    for col in 0..<cols {
                        rowAny |= entries[col]
                        colAny[col] |= entries[col]
                    }
                    rowHasCost[row] = rowAny != 0
                }
            }
        }
        return (rowHasCost, colAny.map { $0 != 0 })
    }
}
