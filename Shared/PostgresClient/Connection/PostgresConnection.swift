import CLibPQ
import Foundation
import Logging

/// One libpq connection, with blocking, throwing methods.
///
/// libpq is not thread safe: use a connection from one thread at a time. Services go through
/// ``PostgresClient``, which owns a connection on its own thread and hands it to closures.
///
/// The connection keeps named prepared statements for the commands it runs repeatedly (see
/// ``query(_:_:)``), so SQL must not run `DEALLOCATE ALL` or `DISCARD ALL` on it.
///
/// ```swift
/// let rows = try connection.query("SELECT id, name FROM person WHERE email = $1", [email])
/// for row in rows {
///     let id = try row.decode(UUID.self, column: "id")
/// }
/// ```
public final class PostgresConnection {
    let handle: OpaquePointer
    let logger: Logger
    /// Set when the connection was left in a state it cannot leave, such as COPY or pipeline mode.
    var isBroken = false
    var preparedStatements = PreparedStatements()

    /// Connects and prepares the session (time zone, date style, search path); throws a
    /// ``PostgresError`` of kind ``PostgresError/Kind/connectionLost`` if the server cannot be reached.
    public init(configuration: PostgresConfiguration, logger: Logger) throws {
        let parameters = configuration.connectionParameters
        let handle = withCStrings(parameters.map(\.keyword)) { keywords in
            withCStrings(parameters.map(\.value)) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let handle else {
            throw PostgresError(kind: .connectionLost, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = PostgresError(connection: handle)
            PQfinish(handle)
            throw PostgresError(kind: .connectionLost, message: error.message)
        }
        self.handle = handle
        self.logger = logger
        PQsetNoticeReceiver(handle, { context, result in
            guard let context, let result else { return }
            Unmanaged<PostgresConnection>.fromOpaque(context).takeUnretainedValue().log(notice: result)
        }, Unmanaged.passUnretained(self).toOpaque())
        try configureSession(searchPath: configuration.searchPath)
        logger.debug("connected to PostgreSQL", metadata: [
            "postgres.backend_pid": "\(PQbackendPID(handle))",
            "postgres.server_version": "\(PQserverVersion(handle))",
        ])
    }

    deinit {
        PQfinish(handle)
    }

    /// Runs one statement and returns its rows (none for a command).
    ///
    /// A statement is prepared on its second run and executed by name from then on, so the server
    /// plans it once per connection (see ``PreparedStatements``). A bind holding a NUL character is
    /// never sent: it throws ``PostgresError/Kind/invalidParameter``.
    public func query(_ sql: String, _ binds: [(any PostgresEncodable)?] = []) throws -> PostgresRows {
        let binds = PostgresBinds(binds)
        try binds.validate()
        if let name = preparedStatements.name(for: sql) ?? prepare(sql, binds) {
            let result = binds.withParameters { count, _, values, lengths, formats in
                PQexecPrepared(handle, name, count, values, lengths, formats, 0)
            }
            return try rows(from: result, ofPrepared: sql)
        }
        let result = binds.withParameters { count, types, values, lengths, formats in
            PQexecParams(handle, sql, count, types, values, lengths, formats, 0)
        }
        let rows = try rows(from: result)
        preparedStatements.noteRan(sql)
        return rows
    }

    /// Runs one statement and returns the number of rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ binds: [(any PostgresEncodable)?] = []) throws -> Int {
        try query(sql, binds).affectedRows
    }

    /// Runs SQL text that may hold several statements and no binds (the simple query protocol), as
    /// migration files need.
    func executeScript(_ sql: String) throws {
        _ = try rows(from: PQexec(handle, sql))
    }

    /// Whether the connection can take a statement: not known to be broken, and not closed by the server
    /// while it sat idle. The reads take what the server sent meanwhile (such as the notice of an
    /// administrator shutdown) and see the end of the stream if the server went away.
    var isUsable: Bool {
        guard isConnected else { return false }
        guard PQconsumeInput(handle) == 1, PQisBusy(handle) == 0, PQconsumeInput(handle) == 1 else { return false }
        return isConnected
    }

    /// Whether the connection is not known to be broken.
    var isConnected: Bool {
        !isBroken && PQstatus(handle) == CONNECTION_OK
    }

    /// The rows of a finished statement's result, or the error it holds.
    func rows(from result: OpaquePointer?) throws -> PostgresRows {
        guard let result else { throw PostgresError(connection: handle) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(PostgresResult(result))
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            isBroken = true
            throw PostgresError(kind: .other, message: "COPY is not supported; the connection is discarded")
        default:
            defer { PQclear(result) }
            throw PostgresError(result: result, connection: handle)
        }
    }

    /// Prepares `sql` if it is due (see ``PreparedStatements``) and returns its name; `nil` if it is not
    /// due or fails to prepare, so that it runs unnamed and reports its own error.
    private func prepare(_ sql: String, _ binds: PostgresBinds) -> String? {
        guard let name = preparedStatements.nameToPrepare(sql) else { return nil }
        let result = binds.withParameters { count, types, _, _, _ in PQprepare(handle, name, sql, count, types) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            preparedStatements.forget(sql)
            return nil
        }
        return name
    }

    /// Like ``rows(from:)`` for a result of prepared statement `sql`, which is forgotten if the server
    /// no longer knows it.
    private func rows(from result: OpaquePointer?, ofPrepared sql: String) throws -> PostgresRows {
        do {
            return try rows(from: result)
        } catch let error as PostgresError where PreparedStatements.invalidates(error) {
            preparedStatements.forget(sql)
            throw error
        }
    }

    private func configureSession(searchPath: String?) throws {
        var sql = """
            SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO', false), \
            set_config('bytea_output', 'hex', false)
            """
        var binds: [(any PostgresEncodable)?] = []
        if let searchPath {
            sql += ", set_config('search_path', $1, false)"
            binds.append(searchPath)
        }
        try execute(sql, binds)
    }

    private func log(notice result: OpaquePointer) {
        let severity = PostgresError.field("V", of: result)
        let message = PostgresError.field("M", of: result) ?? ""
        let level: Logger.Level = ["WARNING", "ERROR", "FATAL", "PANIC"].contains(severity) ? .warning : .debug
        logger.log(level: level, "PostgreSQL \(severity ?? "NOTICE"): \(message)")
    }
}

@available(*, unavailable)
extension PostgresConnection: Sendable {}

/// Calls `body` with `strings` as a NULL-terminated array of C strings.
private func withCStrings<Result>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
) -> Result {
    let copies = strings.map { UnsafePointer(strdup($0)) }
    defer { copies.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
    return (copies + [nil]).withUnsafeBufferPointer { body($0.baseAddress!) }
}
