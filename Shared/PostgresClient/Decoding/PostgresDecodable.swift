/// A value that can be read from a result column in PostgreSQL's text format.
///
/// Decode through ``PostgresRow/decode(_:column:)``; `NULL` is handled there, so conformers only see
/// values.
public protocol PostgresDecodable {
    /// Creates a value from the text the server sent for a column of type `dataType`, or returns `nil`
    /// if the text is not a valid value of this type.
    init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType)
}
