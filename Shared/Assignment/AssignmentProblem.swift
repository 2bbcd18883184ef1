/// Openings (rows) with a number of positions each, people (cols) with a number of free slots
/// each, and the score of each feasible (opening, person) pair: the input of ``AssignmentSolver``.
///
/// The solver picks feasible pairs, each at most once, so that no row gets more pairs than its
/// ``rowCapacity`` and no column more than its ``colCapacity``, maximising the total score. Any
/// number of pairs may be picked: a pair worth 0 or less is never picked, and nobody is forced
/// into a pair.
///
/// Scores are given either as sparse ``AssignmentEdge``s or as ``DenseScores``.
public struct AssignmentProblem: Sendable, Hashable {
    /// The scores the solvers accept: they add up to 2⁶³ only over 2³² pairs.
    public static let scoreRange = Int(Int32.min + 1)...Int(Int32.max)

    /// How the scores of the feasible pairs are given.
    public enum Scores: Sendable, Hashable {
        /// Only the feasible pairs, each once.
        case sparse([AssignmentEdge])
        /// Every pair, some marked infeasible.
        case dense(DenseScores)
    }

    /// The number of openings.
    public let rows: Int
    /// The number of people.
    public let cols: Int
    /// The positions of each opening, `rows` entries, each at least 0.
    public let rowCapacity: [Int]
    /// The free slots of each person, `cols` entries, each at least 0.
    public let colCapacity: [Int]
    /// The feasible pairs and their scores.
    public let scores: Scores

    /// A problem with sparse scores; capacities default to 1 each.
    ///
    /// - Throws: an ``AssignmentProblemError`` naming the first field at fault.
    public init(
        rows: Int, cols: Int, rowCapacity: [Int]? = nil, colCapacity: [Int]? = nil, edges: [AssignmentEdge]
    ) throws(AssignmentProblemError) {
        try Self.checkDimensions(rows: rows, cols: cols)
        var firstIndexOfPair: [Int: Int] = [:]
        firstIndexOfPair.reserveCapacity(edges.count)
        for (index, edge) in edges.enumerated() {
            guard (0..<rows).contains(edge.row), (0..<cols).contains(edge.col) else {
                throw .edgeOutOfRange(index: index, row: edge.row, col: edge.col)
            }
            guard Self.scoreRange.contains(edge.score) else {
                throw .scoreOutOfRange(.edges, index: index, value: edge.score)
            }
            if let firstIndex = firstIndexOfPair.updateValue(index, forKey: edge.row * cols + edge.col) {
                throw .duplicateEdge(index: index, firstIndex: firstIndex, row: edge.row, col: edge.col)
            }
        }
        try self.init(rows: rows, cols: cols, rowCapacity: rowCapacity, colCapacity: colCapacity, scores: .sparse(edges))
    }

    /// A problem with sparse scores given as `(row, col, score)` triples.
    public init(
        rows: Int, cols: Int, rowCapacity: [Int]? = nil, colCapacity: [Int]? = nil,
        edges: [(row: Int, col: Int, score: Int)]
    ) throws(AssignmentProblemError) {
        try self.init(
            rows: rows, cols: cols, rowCapacity: rowCapacity, colCapacity: colCapacity,
            edges: edges.map { AssignmentEdge(row: $0.row, col: $0.col, score: $0.score) }
        )
    }

    /// A problem with dense scores, one array of `cols` entries per row, `nil` for an infeasible pair.
    ///
    /// - Throws: an ``AssignmentProblemError`` naming the first field at fault.
    public init(
        rows: Int, cols: Int, rowCapacity: [Int]? = nil, colCapacity: [Int]? = nil, scores: [[Int?]]
    ) throws(AssignmentProblemError) {
        try Self.checkDimensions(rows: rows, cols: cols)
        guard scores.count == rows else { throw .denseRowCount(expected: rows, found: scores.count) }
        try self.init(rows: rows, cols: cols, rowCapacity: rowCapacity, colCapacity: colCapacity, dense: DenseScores(cols: cols, rows: scores))
    }

    /// A problem with dense scores given flat (see ``DenseScores``).
    ///
    /// - Throws: an ``AssignmentProblemError`` naming the first field at fault.
    public init(rowCapacity: [Int]? = nil, colCapacity: [Int]? = nil, dense: DenseScores) throws(AssignmentProblemError) {
        try self.init(rows: dense.rows, cols: dense.cols, rowCapacity: rowCapacity, colCapacity: colCapacity, dense: dense)
    }

    private init(
        rows: Int, cols: Int, rowCapacity: [Int]?, colCapacity: [Int]?, dense: DenseScores
    ) throws(AssignmentProblemError) {
        try self.init(rows: rows, cols: cols, rowCapacity: rowCapacity, colCapacity: colCapacity, scores: .dense(dense))
    }

    private init(rows: Int, cols: Int, rowCapacity: [Int]?, colCapacity: [Int]?, scores: Scores) throws(AssignmentProblemError) {
        try Self.checkDimensions(rows: rows, cols: cols)
        self.rows = rows
        self.cols = cols
        self.rowCapacity = try Self.checkedCapacity(rowCapacity, count: rows, field: .rowCapacity)
        self.colCapacity = try Self.checkedCapacity(colCapacity, count: cols, field: .colCapacity)
        self.scores = scores
    }

    private static func checkDimensions(rows: Int, cols: Int) throws(AssignmentProblemError) {
        guard rows > 0 else { throw .nonPositiveDimension(.rows, rows) }
        guard cols > 0 else { throw .nonPositiveDimension(.cols, cols) }
    }

    private static func checkedCapacity(_ capacity: [Int]?, count: Int, field: AssignmentField) throws(AssignmentProblemError) -> [Int] {
        guard let capacity else { return Array(repeating: 1, count: count) }
        guard capacity.count == count else { throw .capacityCount(field, expected: count, found: capacity.count) }
        if let index = capacity.firstIndex(where: { $0 < 0 }) {
            throw .negativeCapacity(field, index: index, value: capacity[index])
        }
        return capacity
    }

    /// Whether every capacity is at most 1, so that the problem is a plain matching.
    var hasUnitCapacities: Bool {
        rowCapacity.allSatisfy { $0 <= 1 } && colCapacity.allSatisfy { $0 <= 1 }
    }

    /// The score of every feasible pair worth more than 0, in row order: the only pairs a
    /// solution can gain from.
    func positiveEdges() -> [AssignmentEdge] {
        switch scores {
        case .sparse(let edges):
            return edges.filter { $0.score > 0 }
        case .dense(let dense):
            var edges: [AssignmentEdge] = []
            for row in 0..<rows {
                for col in 0..<cols {
                    if let score = dense.score(row: row, col: col), score > 0 {
                        edges.append(AssignmentEdge(row: row, col: col, score: score))
                    }
                }
            }
            return edges
        }
    }
}
