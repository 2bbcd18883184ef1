import IOThreads

/// One-off broker operations: declare a topology, count, purge or delete a queue. For tools and tests;
/// services use ``AMQPPublisher`` and ``AMQPConsumer``.
public actor AMQPInspector {
    private let executor = IOThreadExecutor(name: "amqp-inspector")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let configuration: AMQPConfiguration
    private var connection: AMQPConnection?

    public init(configuration: AMQPConfiguration) {
        self.configuration = configuration
    }

    public func declare(_ topology: Topology) throws(AMQPError) {
        try withConnection { (connection) throws(AMQPError) in try connection.declare(topology) }
    }

    /// Ready messages in `queue`.
    public func messageCount(queue: String) throws(AMQPError) -> Int {
        try withConnection { (connection) throws(AMQPError) in try connection.messageCount(queue: queue) }
    }

    /// The ready messages and the consumers of `queue`, exact at this moment (not the management
    /// API's sampled figures).
    public func occupancy(queue: String) throws(AMQPError) -> (ready: Int, consumers: Int) {
        try withConnection { (connection) throws(AMQPError) in try connection.occupancy(queue: queue) }
    }

    /// Removes the ready messages of `queue`; returns how many.
    @discardableResult
    public func purge(queue: String) throws(AMQPError) -> Int {
        try withConnection { (connection) throws(AMQPError) in try connection.purge(queue: queue) }
    }

    /// Deletes `queue` and whatever it holds.
    public func deleteQueue(_ queue: String) throws(AMQPError) {
        try withConnection { (connection) throws(AMQPError) in try connection.deleteQueue(queue) }
    }

    public func close() {
        connection?.close()
        connection = nil
        executor.shutdown()
    }

    private func withConnection<T>(_ body: (AMQPConnection) throws(AMQPError) -> T) throws(AMQPError) -> T {
        let connection: AMQPConnection
        if let existing = self.connection {
            connection = existing
        } else {
            connection = try AMQPConnection(configuration: configuration)
            self.connection = connection
        }
        do {
            return try body(connection)
        } catch {
            connection.close()
            self.connection = nil
            throw error
        }
    }
}
