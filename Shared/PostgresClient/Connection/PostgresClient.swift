import IOThreads
import Logging

/// Owns one ``PostgresConnection`` on a dedicated thread and lends it to closures.
///
/// Connects on first use, and again on the next use after the connection was lost (for example when
/// the server restarted), so a service outlives database restarts. Calls are serialized; create one
/// client per stream of work that should run concurrently.
///
/// ```swift
/// let client = PostgresClient(configuration: .init(url: url, applicationName: "intake"), logger: logger)
/// let id = try await client.transaction { connection in
///     try connection.query("INSERT INTO opening (title) VALUES ($1) RETURNING id", [title])
///         .first!.decode(UUID.self, column: "id")
/// }
/// ```
public actor PostgresClient {
    private let executor = IOThreadExecutor(name: "postgres")
    private let configuration: PostgresConfiguration
    private let logger: Logger
    private var connection: PostgresConnection?
    private var isClosed = false

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Creates the client; it connects on first use.
    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    deinit {
        executor.shutdown()
    }

    /// Calls `body` with the connection, connecting first if there is no healthy one.
    ///
    /// If the connection is lost while `body` runs, the error is a ``PostgresError`` of kind
    /// ``PostgresError/Kind/connectionLost`` and the next call reconnects. A transaction that `body`
    /// leaves open is rolled back.
    @discardableResult
    public func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) throws -> T {
        let connection = try healthyConnection()
        defer { release(connection) }
        return try body(connection)
    }

    /// Calls `body` in a transaction; see ``PostgresConnection/transaction(isolation:_:)``.
    @discardableResult
    public func transaction<T: Sendable>(
        isolation: IsolationLevel = .readCommitted, _ body: @Sendable (PostgresConnection) throws -> T
    ) throws -> T {
        try withConnection { try $0.transaction(isolation: isolation, body) }
    }

    /// Closes the connection and ends the client's thread; the client must not be used afterwards.
    public func close() {
        connection = nil
        isClosed = true
        executor.shutdown()
    }

    private func healthyConnection() throws -> PostgresConnection {
        guard !isClosed else { throw PostgresError(kind: .other, message: "the PostgreSQL client is closed") }
        if let connection {
            if connection.isUsable { return connection }
            logger.warning("PostgreSQL closed the connection; reconnecting")
            self.connection = nil
        }
        let connection = try PostgresConnection(configuration: configuration, logger: logger)
        self.connection = connection
        return connection
    }

    private func release(_ connection: PostgresConnection) {
        guard connection.isConnected else {
            logger.warning("PostgreSQL connection lost")
            self.connection = nil
            return
        }
        if connection.hasOpenTransaction {
            logger.error("a transaction was left open; rolling it back")
            connection.rollbackOpenTransaction()
        }
    }
}
