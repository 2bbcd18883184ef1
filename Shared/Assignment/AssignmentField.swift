/// A field of an ``AssignmentProblem`` (and of its JSON form), named in errors.
public enum AssignmentField: String, Sendable, Hashable, CaseIterable {
    case rows
    case cols
    case rowCapacity
    case colCapacity
    case edges
    case scores
}
