/// A column could not be decoded as the requested type.
///
/// Names the column and the Swift type, never the value, which may be personal data.
public struct PostgresDecodingError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Sendable, Hashable {
        /// The column is `NULL` and the requested type is not optional.
        case unexpectedNull
        /// The result has no such column.
        case noSuchColumn
        /// The column's text is not a valid value of the requested type; carries the column's type.
        case invalidValue(PostgresDataType)
    }

    public var reason: Reason
    /// The column's name, or `#index` for an index out of range.
    public var column: String
    /// The requested Swift type's name.
    public var type: String

    init(reason: Reason, column: String, type: Any.Type) {
        self.reason = reason
        self.column = column
        self.type = String(describing: type)
    }

    public var description: String {
        switch reason {
        case .unexpectedNull:
            "column \"\(column)\" is NULL; decode \(type)? to accept NULL"
        case .noSuchColumn:
            "no column \"\(column)\" in the result (decoding \(type))"
        case .invalidValue(let dataType):
            "column \"\(column)\" (type OID \(dataType.rawValue)) does not hold a valid \(type)"
        }
    }
}
