import Chronology

/// Why a mileage rates file (see ``MileageRateTable``) cannot be used. Line numbers are 1-based
/// and count every line of the file.
public enum MileageRateFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The first non-blank line is not ``MileageRateTable/header``.
    case wrongHeader(line: Int, found: String)
    /// A row does not have exactly three `;`-separated fields.
    case wrongFieldCount(line: Int, found: Int)
    /// A field's value is not what the column holds.
    case invalidField(line: Int, field: String, value: String, expected: String)
    /// A row's date is not after the previous row's.
    case notAscending(line: Int, validFrom: CivilDate)
    /// The file has a header but no rates, or nothing at all.
    case noRates

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read the mileage rates file \(path): \(reason)"
        case .wrongHeader(let line, let found):
            "mileage rates line \(line): expected the header \"\(MileageRateTable.header)\", found \"\(found)\""
        case .wrongFieldCount(let line, let found):
            "mileage rates line \(line): expected 3 fields separated by \";\", found \(found)"
        case .invalidField(let line, let field, let value, let expected):
            "mileage rates line \(line), field \(field): \"\(value)\" is not \(expected)"
        case .notAscending(let line, let validFrom):
            "mileage rates line \(line): validFrom \(validFrom) is not after the previous row's"
        case .noRates:
            "the mileage rates file has no rates"
        }
    }
}
