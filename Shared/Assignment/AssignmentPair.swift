/// One chosen pair of an ``AssignmentSolution``: opening `row` gets person `col`.
public struct AssignmentPair: Sendable, Hashable, Comparable {
    public var row: Int
    public var col: Int

    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }

    /// By row, then by column: the order of ``AssignmentSolution/pairs``.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.row, lhs.col) < (rhs.row, rhs.col)
    }
}
