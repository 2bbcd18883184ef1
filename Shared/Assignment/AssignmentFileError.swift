/// Why a JSON assignment file (see ``AssignmentJSON``) cannot be read.
public enum AssignmentFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not JSON, or a field missing or of the wrong type; `path` names it, as in `edges[3][1]`.
    case malformed(path: String, reason: String)
    /// Neither `edges` nor `scores` is given.
    case noScores
    /// Both `edges` and `scores` are given.
    case edgesAndScores
    /// `edges[index]` is not a `[row, col, score]` triple.
    case edgeNotTriple(index: Int, count: Int)
    /// The file is well formed, but the problem it describes is not valid.
    case invalidProblem(AssignmentProblemError)

    public var description: String {
        switch self {
        case .malformed(let path, let reason):
            path.isEmpty ? reason : "\(path): \(reason)"
        case .noScores:
            "one of \"edges\" and \"scores\" is required"
        case .edgesAndScores:
            "give either \"edges\" or \"scores\", not both"
        case .edgeNotTriple(let index, let count):
            "edges[\(index)] must be [row, col, score], found \(count) entries"
        case .invalidProblem(let error):
            error.description
        }
    }
}
