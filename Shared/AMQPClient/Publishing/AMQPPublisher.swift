import IOThreads
import Logging

/// Publishes with publisher confirms on its own connection and thread.
///
/// ``publish(_:)`` returns only when the broker has confirmed every message of the call, so a
/// message the call returned for is the broker's responsibility. A nack, a lost connection or a
/// missing confirm is thrown; the caller keeps the messages and tries again later (delivery is at
/// least once). The connection is opened on first use and again after any failure, declaring
/// `topology` each time. A message without a `user_id` is sent with the publisher's own user, so its
/// consumer learns, from the broker, who sent it.
public actor AMQPPublisher {
    private let executor: IOThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let configuration: AMQPConfiguration
    private let topology: Topology
    private let logger: Logger
    private var connection: AMQPConnection?
    private var confirms = ConfirmTracker()

    /// How many messages the publisher hands to the connection (which writes them in chunks of about
    /// 64 KiB, see ``AMQPConnection/publish(_:)``) before it reads the confirms already waiting, so
    /// the socket's receive buffer never fills up during a large batch.
    private static let drainInterval = 64

    public init(configuration: AMQPConfiguration, topology: Topology = Topology(), logger: Logger) {
        self.executor = IOThreadExecutor(name: "amqp-publisher")
        self.configuration = configuration
        self.topology = topology
        self.logger = logger
    }

    /// Whether the publisher currently holds an open connection.
    public var isConnected: Bool { connection != nil }

    /// Publishes one message and waits for its confirm.
    public func publish(_ message: OutgoingMessage, confirmTimeout: Duration = .seconds(30)) throws(AMQPError) {
        try publish([message], confirmTimeout: confirmTimeout)
    }

    /// Publishes `messages` in order and waits until the broker confirmed all of them.
    /// - Throws: ``AMQPError/nacked(count:)`` if the broker refused any (the others are confirmed),
    ///   or a connection error; in both cases the caller should publish the whole batch again.
    public func publish(_ messages: [OutgoingMessage], confirmTimeout: Duration = .seconds(30)) throws(AMQPError) {
        guard !messages.isEmpty else { return }
        let connection = try connected()
        do throws(AMQPError) {
            var nacked = 0
            for (index, var message) in messages.enumerated() {
                if message.properties.userID == nil { message.properties.userID = configuration.user }
                try connection.publish(message)
                _ = confirms.published()
                if index % Self.drainInterval == Self.drainInterval - 1 {
                    while let confirm = try connection.nextConfirm(timeout: .zero) {
                        nacked += try settle(confirm)
                    }
                }
            }
            try connection.flush()
            let deadline = ContinuousClock.now + confirmTimeout
            while !confirms.isSettled {
                let remaining = ContinuousClock.now.duration(to: deadline)
                guard remaining > .zero else {
                    throw AMQPError.connectionLost("no confirm within \(confirmTimeout)")
                }
                if let confirm = try connection.nextConfirm(timeout: remaining) {
                    nacked += try settle(confirm)
                }
            }
            if nacked > 0 { throw AMQPError.nacked(count: nacked) }
        } catch {
            if case .nacked = error { throw error }
            drop(connection, because: error)
            throw error
        }
    }

    /// Services heartbeats and notices a closed connection while there is nothing to publish.
    /// Call it at least every `heartbeatSeconds / 2` when idle.
    public func keepAlive() {
        guard let connection else { return }
        do { try connection.poll() } catch { drop(connection, because: error) }
    }

    /// Closes the connection and ends the publisher's thread. The publisher is unusable afterwards.
    public func close() {
        connection?.close()
        connection = nil
        executor.shutdown()
    }

    private func settle(_ confirm: ConfirmTracker.Confirm) throws(AMQPError) -> Int {
        switch confirms.receive(confirm) {
        case .settled(_, let nacked): return nacked
        case .unknownSequence(let tag): throw .connectionLost("confirm for unknown sequence \(tag)")
        }
    }

    private func connected() throws(AMQPError) -> AMQPConnection {
        if let connection { return connection }
        let connection = try AMQPConnection(configuration: configuration)
        do throws(AMQPError) {
            try connection.declare(topology)
            try connection.enableConfirms()
        } catch {
            connection.close()
            throw error
        }
        confirms = ConfirmTracker()
        self.connection = connection
        logger.info("publisher connected", metadata: ["amqp.broker": "\(configuration.redactedDescription)"])
        return connection
    }

    private func drop(_ connection: AMQPConnection, because error: AMQPError) {
        logger.warning("publisher connection dropped", metadata: ["error": "\(error)"])
        connection.close()
        self.connection = nil
    }
}
