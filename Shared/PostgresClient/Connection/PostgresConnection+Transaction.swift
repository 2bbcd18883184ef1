import CLibPQ

extension PostgresConnection {
    /// Runs `body` in a transaction: commits if it returns, rolls back and rethrows if it throws.
    ///
    /// A body that catches a statement's error and returns anyway would commit nothing, as the server
    /// had already aborted the transaction: that rolls back and throws. Transactions do not nest.
    @discardableResult
    public func transaction<T>(
        isolation: IsolationLevel = .readCommitted, _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        guard PQtransactionStatus(handle) == PQTRANS_IDLE else {
            throw PostgresError(kind: .other, message: "a transaction is already open on this connection")
        }
        try execute("BEGIN ISOLATION LEVEL \(isolation.sql)")
        do {
            let result = try body(self)
            guard PQtransactionStatus(handle) != PQTRANS_INERROR else {
                throw PostgresError(kind: .other, message: "the transaction was aborted by an earlier error")
            }
            try execute("COMMIT")
            return result
        } catch {
            rollbackOpenTransaction()
            throw error
        }
    }

    /// Whether a transaction block is open, failed or not.
    var hasOpenTransaction: Bool {
        [PQTRANS_INTRANS, PQTRANS_INERROR].contains(PQtransactionStatus(handle))
    }

    /// Rolls back the transaction left open on the connection, if any. A failure here means the
    /// connection is lost, which its next use reports.
    func rollbackOpenTransaction() {
        guard hasOpenTransaction else { return }
        do {
            try execute("ROLLBACK")
        } catch {
            logger.warning("ROLLBACK failed", metadata: ["error": "\(error)"])
        }
    }
}
