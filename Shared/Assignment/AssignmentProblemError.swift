/// Why an ``AssignmentProblem`` cannot be built: the field at fault and what is wrong with it.
public enum AssignmentProblemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// ``AssignmentField/rows`` or ``AssignmentField/cols`` is 0 or negative.
    case nonPositiveDimension(AssignmentField, Int)
    /// A capacity array does not have one entry per row (or column).
    case capacityCount(AssignmentField, expected: Int, found: Int)
    /// A capacity is negative.
    case negativeCapacity(AssignmentField, index: Int, value: Int)
    /// Edge number `index` names a row or column outside the problem.
    case edgeOutOfRange(index: Int, row: Int, col: Int)
    /// Edge number `index` repeats the pair of edge number `firstIndex`.
    case duplicateEdge(index: Int, firstIndex: Int, row: Int, col: Int)
    /// The dense scores do not have one row per opening.
    case denseRowCount(expected: Int, found: Int)
    /// Flat dense scores (or their feasibility flags) do not have `rows × cols` entries.
    case denseValueCount(expected: Int, found: Int)
    /// Dense row `row` does not have one entry per person.
    case denseRowLength(row: Int, expected: Int, found: Int)
    /// A score lies outside ``AssignmentProblem/scoreRange``, which keeps the solvers' sums exact.
    case scoreOutOfRange(AssignmentField, index: Int, value: Int)

    public var description: String {
        switch self {
        case .nonPositiveDimension(let field, let value):
            "\(field.rawValue) must be at least 1, found \(value)"
        case .capacityCount(let field, let expected, let found):
            "\(field.rawValue) must have \(expected) entries, found \(found)"
        case .negativeCapacity(let field, let index, let value):
            "\(field.rawValue)[\(index)] must not be negative, found \(value)"
        case .edgeOutOfRange(let index, let row, let col):
            "edges[\(index)] = (\(row), \(col)) lies outside the rows and cols"
        case .duplicateEdge(let index, let firstIndex, let row, let col):
            "edges[\(index)] repeats the pair (\(row), \(col)) of edges[\(firstIndex)]"
        case .denseRowCount(let expected, let found):
            "scores must have \(expected) rows, found \(found)"
        case .denseValueCount(let expected, let found):
            "scores must have \(expected) entries (rows × cols), found \(found)"
        case .denseRowLength(let row, let expected, let found):
            "scores[\(row)] must have \(expected) entries, found \(found)"
        case .scoreOutOfRange(let field, let index, let value):
            "\(field.rawValue) entry \(index) has score \(value), outside \(AssignmentProblem.scoreRange)"
        }
    }
}
