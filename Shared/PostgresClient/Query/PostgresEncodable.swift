/// A value that can be sent as a query parameter, in PostgreSQL's text format.
///
/// Pass values as binds, never spliced into SQL:
/// ```swift
/// try connection.execute("INSERT INTO person (id, name) VALUES ($1, $2)", [id, name])
/// ```
/// A `nil` bind is SQL `NULL`.
public protocol PostgresEncodable: Sendable {
    /// The parameter type sent to the server; ``PostgresDataType/unknown`` lets the server infer it.
    static var postgresDataType: PostgresDataType { get }

    /// Appends the value's text form as UTF-8, without a terminating NUL.
    func encodePostgresText(into buffer: inout [UInt8])
}
