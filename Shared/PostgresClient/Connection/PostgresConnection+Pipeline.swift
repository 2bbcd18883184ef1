import CLibPQ
import Foundation

extension PostgresConnection {
    /// Runs `statements` in libpq's pipeline mode, so the batch costs one round trip, and returns each
    /// statement's rows in order.
    ///
    /// Outside a transaction the batch is atomic: the server runs it as one implicit transaction, and
    /// if a statement fails, the statements before it are rolled back, those after it are skipped, and
    /// its error is thrown. Inside ``transaction(isolation:_:)`` a failure aborts that transaction.
    /// Either way the connection stays usable.
    public func pipeline(_ statements: [PostgresStatement]) throws -> [PostgresRows] {
        guard !statements.isEmpty else { return [] }
        guard PQenterPipelineMode(handle) == 1 else { throw PostgresError(connection: handle) }
        // Non-blocking, so that sending a large batch cannot deadlock with the server's replies.
        PQsetnonblocking(handle, 1)
        defer {
            PQsetnonblocking(handle, 0)
            if PQexitPipelineMode(handle) != 1 { isBroken = true }
        }
        var firstError: PostgresError?
        for statement in statements {
            let sent = statement.binds.withParameters { count, types, values in
                PQsendQueryParams(handle, statement.sql, count, types, values, nil, nil, 0)
            }
            if sent != 1 {
                firstError = PostgresError(connection: handle)
                break
            }
        }
        guard PQpipelineSync(handle) == 1 else { throw PostgresError(connection: handle) }

        var rows: [PostgresRows] = []
        rows.reserveCapacity(statements.count)
        while true {
            while PQisBusy(handle) == 1 {
                try awaitSocket()
            }
            // A NULL result ends one statement's results; the sync point's result ends the batch.
            guard let result = PQgetResult(handle) else {
                guard PQstatus(handle) == CONNECTION_OK else { throw PostgresError(connection: handle) }
                continue
            }
            switch PQresultStatus(result) {
            case PGRES_PIPELINE_SYNC:
                PQclear(result)
                if let firstError { throw firstError }
                return rows
            case PGRES_PIPELINE_ABORTED:
                PQclear(result)
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                rows.append(PostgresRows(PostgresResult(result)))
            default:
                firstError = firstError ?? PostgresError(result: result, connection: handle)
                PQclear(result)
                guard PQstatus(handle) == CONNECTION_OK else { throw firstError! }
            }
        }
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
