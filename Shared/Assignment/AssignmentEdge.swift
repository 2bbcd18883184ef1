/// A feasible pair of an ``AssignmentProblem``: opening `row` may take person `col`, worth `score`.
public struct AssignmentEdge: Sendable, Hashable {
    /// The opening, `0..<rows`.
    public var row: Int
    /// The person, `0..<cols`.
    public var col: Int
    /// What the pair is worth; pairs worth 0 or less are never chosen.
    public var score: Int

    public init(row: Int, col: Int, score: Int) {
        self.row = row
        self.col = col
        self.score = score
    }
}
