/// The scores of every (row, col) pair of an ``AssignmentProblem``, row-major, some pairs infeasible.
///
/// Stored flat so that a 4096 × 4096 instance is one array, not 4096 of them.
public struct DenseScores: Sendable, Hashable {
    public let rows: Int
    public let cols: Int
    /// `rows × cols` scores, row-major; the entry of an infeasible pair is 0 and means nothing.
    public let values: [Int]
    /// `rows × cols` flags, row-major, `false` for an infeasible pair; `nil` when every pair is feasible.
    public let feasible: [Bool]?

    /// Scores given flat and row-major, with `feasible` (same layout) marking the usable pairs.
    ///
    /// - Throws: ``AssignmentProblemError/denseValueCount(expected:found:)`` when a count is not
    ///   `rows × cols`, or ``AssignmentProblemError/scoreOutOfRange(_:index:value:)``.
    public init(rows: Int, cols: Int, values: [Int], feasible: [Bool]? = nil) throws(AssignmentProblemError) {
        guard rows > 0 else { throw .nonPositiveDimension(.rows, rows) }
        guard cols > 0 else { throw .nonPositiveDimension(.cols, cols) }
        guard values.count == rows * cols else { throw .denseValueCount(expected: rows * cols, found: values.count) }
        if let feasible, feasible.count != values.count {
            throw .denseValueCount(expected: rows * cols, found: feasible.count)
        }
        if let index = values.firstIndex(where: { !AssignmentProblem.scoreRange.contains($0) }) {
            throw .scoreOutOfRange(.scores, index: index, value: values[index])
        }
        self.rows = rows
        self.cols = cols
        self.values = values
        self.feasible = feasible.flatMap { $0.allSatisfy { $0 } ? nil : $0 }
    }

    /// Scores given as one array per row, `nil` for an infeasible pair.
    ///
    /// - Throws: ``AssignmentProblemError/denseRowLength(row:expected:found:)`` for a row of the
    ///   wrong length, or ``AssignmentProblemError/scoreOutOfRange(_:index:value:)``.
    public init(cols: Int, rows scores: [[Int?]]) throws(AssignmentProblemError) {
        guard !scores.isEmpty else { throw .nonPositiveDimension(.rows, 0) }
        guard cols > 0 else { throw .nonPositiveDimension(.cols, cols) }
        var values: [Int] = []
        var feasible: [Bool] = []
        values.reserveCapacity(scores.count * cols)
        feasible.reserveCapacity(scores.count * cols)
        for (row, entries) in scores.enumerated() {
            guard entries.count == cols else { throw .denseRowLength(row: row, expected: cols, found: entries.count) }
            for entry in entries {
                values.append(entry ?? 0)
                feasible.append(entry != nil)
            }
        }
        try self.init(rows: scores.count, cols: cols, values: values, feasible: feasible)
    }

    /// The score of `(row, col)`, `nil` when that pair is infeasible.
    public func score(row: Int, col: Int) -> Int? {
        let index = row * cols + col
        if let feasible, !feasible[index] { return nil }
        return values[index]
    }
}
