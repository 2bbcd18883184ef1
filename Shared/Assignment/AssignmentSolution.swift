/// The optimum of an ``AssignmentProblem``: the chosen pairs and their total score.
public struct AssignmentSolution: Sendable, Hashable {
    /// The sum of the scores of ``pairs``.
    public let total: Int
    /// The chosen pairs, sorted by row then column, each worth more than 0.
    public let pairs: [AssignmentPair]

    /// A solution with `pairs` sorted; `total` is taken as given.
    public init(total: Int, pairs: [AssignmentPair]) {
        self.total = total
        self.pairs = pairs.sorted()
    }
}
