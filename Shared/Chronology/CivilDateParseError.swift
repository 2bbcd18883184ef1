/// Why text is not a ``CivilDate`` in the form `YYYY-MM-DD`.
public enum CivilDateParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input is not exactly 10 bytes long; `bytes` is its length in UTF-8.
    case wrongLength(bytes: Int)
    /// The input is 10 bytes long but not four ASCII digits, `-`, two digits, `-`, two digits.
    case malformed
    /// The input has the right form, but names no day (`2025-02-30`, `2025-13-01`).
    case nonexistentDate(year: Int, month: Int, day: Int)

    public var description: String {
        switch self {
        case .wrongLength(let bytes):
            "a date must be 10 characters (YYYY-MM-DD), found \(bytes) bytes"
        case .malformed:
            "a date must have the form YYYY-MM-DD with ASCII digits"
        case .nonexistentDate(let year, let month, let day):
            "there is no day \(day) in month \(month) of year \(year)"
        }
    }
}
