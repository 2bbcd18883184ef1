/// One SQL statement and its binds, for ``PostgresConnection/pipeline(_:)``.
///
/// The binds are encoded when the statement is created.
public struct PostgresStatement: Sendable {
    public var sql: String
    var binds: PostgresBinds

    /// A statement with `$1`, `$2`, … placeholders for `binds`; a `nil` bind is SQL `NULL`.
    public init(_ sql: String, _ binds: [(any PostgresEncodable)?] = []) {
        self.sql = sql
        self.binds = PostgresBinds(binds)
    }
}
