import CLibPQ
import Foundation

extension PostgresConnection {
    /// Runs `statements` in libpq's pipeline mode, so the batch costs one round trip, and returns each
    /// statement's rows in order.
    ///
    /// Outside a transaction the batch is atomic: the server runs it as one implicit transaction, and
    /// if a statement fails, the statements before it are rolled back, those after it are skipped, and
    /// its error is thrown. Inside ``transaction(isolation:_:)`` a failure aborts that transaction.
    /// Either way the connection stays usable. A statement whose binds cannot be sent whole (see
    /// ``PostgresError/Kind/invalidParameter``) fails the batch before anything is sent. Statements that return no rows are prepared as in
    /// ``query(_:_:)``, within the same round trip.
    public func pipeline(_ statements: [PostgresStatement]) throws -> [PostgresRows] {
        guard !statements.isEmpty else { return [] }
        for statement in statements { try statement.binds.validate() }
        guard PQenterPipelineMode(handle) == 1 else { throw PostgresError(connection: handle) }
        // Non-blocking, so that sending a large batch cannot deadlock with the server's replies.
        PQsetnonblocking(handle, 1)
        defer {
            PQsetnonblocking(handle, 0)
            if PQexitPipelineMode(handle) != 1 { isBroken = true }
        }
        var pending: [PendingResult] = []
        pending.reserveCapacity(statements.count)
        var firstError: PostgresError?
        for statement in statements {
            do {
                try send(statement, queueingResultsIn: &pending)
            } catch {
                firstError = error
                break
            }
        }
        guard PQpipelineSync(handle) == 1 else { throw PostgresError(connection: handle) }

        var rows: [PostgresRows] = []
        rows.reserveCapacity(statements.count)
        var index = 0
        while true {
            while PQisBusy(handle) == 1 {
                try awaitSocket()
            }
            // A NULL result ends one command's results; the sync point's result ends the batch.
            guard let result = PQgetResult(handle) else {
                guard PQstatus(handle) == CONNECTION_OK else { throw PostgresError(connection: handle) }
                index += 1
                continue
            }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(result)
                if let firstError { throw firstError }
                return rows
            }
            switch (pending[index], status) {
            case (.preparation, PGRES_COMMAND_OK):
                PQclear(result)
            case (.preparation(let sql), _):
                preparedStatements.forget(sql)
                let error = error(from: result)
                firstError = firstError ?? error
            case (.statement(let sql, let isPrepared), PGRES_TUPLES_OK), (.statement(let sql, let isPrepared), PGRES_COMMAND_OK),
                (.statement(let sql, let isPrepared), PGRES_EMPTY_QUERY):
                let statementRows = PostgresRows(PostgresResult(result))
                if !isPrepared { preparedStatements.noteRan(sql) }
                rows.append(statementRows)
            case (.statement, PGRES_PIPELINE_ABORTED):
                PQclear(result)
            case (.statement(let sql, let isPrepared), _):
                let error = error(from: result)
                if isPrepared && PreparedStatements.invalidates(error) { preparedStatements.forget(sql) }
                firstError = firstError ?? error
            }
            guard PQstatus(handle) == CONNECTION_OK else { throw firstError ?? PostgresError(connection: handle) }
        }
    }

    /// What one command queued in the pipeline will answer.
    private enum PendingResult {
        /// Preparing a statement for `sql`.
        case preparation(sql: String)
        /// Running a statement, prepared or unnamed.
        case statement(sql: String, isPrepared: Bool)
    }

    /// Queues `statement`, preceded by its preparation if it is due.
    private func send(
        _ statement: PostgresStatement, queueingResultsIn pending: inout [PendingResult]
    ) throws(PostgresError) {
        let sql = statement.sql
        var name = preparedStatements.name(for: sql)
        if name == nil, let newName = preparedStatements.nameToPrepare(sql) {
            let sent = statement.binds.withParameters { count, types, _, _, _ in
                PQsendPrepare(handle, newName, sql, count, types)
            }
            guard sent == 1 else {
                preparedStatements.forget(sql)
                throw PostgresError(connection: handle)
            }
            pending.append(.preparation(sql: sql))
            name = newName
        }
        let sent = statement.binds.withParameters { count, types, values, lengths, formats in
            if let name {
                PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0)
            } else {
                PQsendQueryParams(handle, sql, count, types, values, lengths, formats, 0)
            }
        }
        guard sent == 1 else { throw PostgresError(connection: handle) }
        pending.append(.statement(sql: sql, isPrepared: name != nil))
    }

    /// The error a failed result holds; frees the result.
    private func error(from result: OpaquePointer) -> PostgresError {
        defer { PQclear(result) }
        return PostgresError(result: result, connection: handle)
    }

    /// Sends what is queued and waits until the server's replies can be read.
    private func awaitSocket() throws {
        let flush = PQflush(handle)
        guard flush != -1 else { throw PostgresError(connection: handle) }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        if flush == 1 { descriptor.events |= Int16(POLLOUT) }
        while poll(&descriptor, 1, -1) == -1 && errno == EINTR {}
        guard PQconsumeInput(handle) == 1 else { throw PostgresError(connection: handle) }
    }
}
