import CLibPQ

/// One row of ``PostgresRows``.
///
/// ```swift
/// let id = try row.decode(UUID.self, column: "id")
/// let note = try row.decode(String?.self, at: 2)
/// ```
public struct PostgresRow: Sendable {
    let result: PostgresResult
    let index: Int32

    /// The value of the column named `column`; throws ``PostgresDecodingError`` if it is `NULL`.
    public func decode<T: PostgresDecodable>(_ type: T.Type, column: String) throws -> T {
        try required(type, try self.column(named: column, type))
    }

    /// The value of the column named `column`, `nil` for `NULL`.
    public func decode<T: PostgresDecodable>(_ type: T?.Type, column: String) throws -> T? {
        try optional(T.self, try self.column(named: column, T.self))
    }

    /// The value of the column at `index`; throws ``PostgresDecodingError`` if it is `NULL`.
    public func decode<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws -> T {
        try required(type, try column(at: index, type))
    }

    /// The value of the column at `index`, `nil` for `NULL`.
    public func decode<T: PostgresDecodable>(_ type: T?.Type, at index: Int) throws -> T? {
        try optional(T.self, try column(at: index, T.self))
    }

    private typealias Column = (index: Int32, name: String)

    private func required<T: PostgresDecodable>(_ type: T.Type, _ column: Column) throws -> T {
        guard let value = try optional(type, column) else {
            throw PostgresDecodingError(reason: .unexpectedNull, column: column.name, type: type)
        }
        return value
    }

    private func optional<T: PostgresDecodable>(_ type: T.Type, _ column: Column) throws -> T? {
        let pointer = result.pointer
        guard PQgetisnull(pointer, index, column.index) == 0 else { return nil }
        let dataType = PostgresDataType(rawValue: PQftype(pointer, column.index))
        let text = UnsafeBufferPointer(
            start: UnsafeRawPointer(PQgetvalue(pointer, index, column.index)!).assumingMemoryBound(to: UInt8.self),
            count: Int(PQgetlength(pointer, index, column.index))
        )
        guard let value = T(postgresText: text, dataType: dataType) else {
            throw PostgresDecodingError(reason: .invalidValue(dataType), column: column.name, type: type)
        }
        return value
    }

    private func column(named name: String, _ type: Any.Type) throws -> Column {
        guard let index = result.columnIndexes[name] else {
            throw PostgresDecodingError(reason: .noSuchColumn, column: name, type: type)
        }
        return (Int32(index), name)
    }

    private func column(at index: Int, _ type: Any.Type) throws -> Column {
        guard result.columnNames.indices.contains(index) else {
            throw PostgresDecodingError(reason: .noSuchColumn, column: "#\(index)", type: type)
        }
        return (Int32(index), result.columnNames[index])
    }
}
