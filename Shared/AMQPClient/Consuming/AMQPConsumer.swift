import IOThreads
import Logging

/// Consumes one queue with manual acknowledgements on its own connection and thread.
///
/// ``next(maxCount:timeout:)`` hands out deliveries; each must be settled explicitly with
/// ``ack(_:)``, ``ackAll(through:)``, ``requeue(_:)`` or ``reject(_:)``. When the connection is
/// lost the consumer reconnects with backoff, declares `topology` again and resumes; the broker
/// redelivers whatever was unsettled, and settling a delivery from the old connection does nothing.
public actor AMQPConsumer {
    private let executor: IOThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let configuration: AMQPConfiguration
    private let queue: String
    private let prefetch: UInt16
    private let topology: Topology
    private let logger: Logger
    private var connection: AMQPConnection?
    private var generation = 0
    private var backoff = ReconnectBackoff()

    /// - Parameters:
    ///   - queue: the queue to consume; it should be part of `topology` (or exist already).
    ///   - prefetch: how many unacknowledged deliveries the broker may push ahead.
    public init(
        configuration: AMQPConfiguration, queue: String, prefetch: UInt16 = 256, topology: Topology = Topology(),
        logger: Logger
    ) {
        self.executor = IOThreadExecutor(name: "amqp-consumer-\(queue)", stackSize: Self.threadStackSize)
        self.configuration = configuration
        self.queue = queue
        self.prefetch = prefetch
        self.topology = topology
        self.logger = logger
    }

    /// The stack of the consumer's thread. rabbitmq-c decodes a delivery's field tables by a
    /// recursion without a bound, and a 128 KiB frame can nest some 26,000 arrays or 21,800 tables,
    /// which takes up to 4 MiB of stack (measured with rabbitmq-c 0.11 on x86-64); SpotJob's own
    /// decoding stops at ``AMQPHeaderValue/maximumDepth``. Reserved, not used until reached.
    static let threadStackSize = 16 << 20

    /// Whether the consumer is connected and subscribed.
    public var isConnected: Bool { connection != nil }

    /// Waits up to `timeout` for a delivery, then takes the ones that have arrived too, up to `maxCount`,
    /// without waiting again.
    ///
    /// Returns an empty array when nothing arrived in time, or after a failed reconnect attempt
    /// (having slept the backoff delay), so the caller's loop can check for shutdown.
    public func next(maxCount: Int = 1, timeout: Duration = .seconds(1)) async -> [Delivery] {
        guard let connection = await connected() else { return [] }
        var deliveries: [Delivery] = []
        do throws(AMQPError) {
            guard let first = try connection.nextDelivery(timeout: timeout, generation: generation) else { return [] }
            deliveries.append(first)
            // Then whatever else has arrived, without waiting.
            while deliveries.count < maxCount, let more = try connection.nextDelivery(timeout: .zero, generation: generation) {
                deliveries.append(more)
            }
        } catch {
            drop(connection, because: error)
        }
        return deliveries
    }

    /// Acknowledges one delivery: the broker forgets the message.
    public func ack(_ delivery: Delivery) { settle(delivery, .ack(multiple: false)) }

    /// Acknowledges `delivery` and every earlier delivery of this connection not yet settled, in
    /// one frame. Use it when all deliveries up to this one were handled.
    public func ackAll(through delivery: Delivery) {
        settle(delivery, .ack(multiple: true))
    }

    /// Gives the message back to the queue for another attempt.
    public func requeue(_ delivery: Delivery) {
        settle(delivery, .nack(requeue: true))
    }

    /// Refuses the message: the broker dead-letters it through the queue's dead-letter exchange.
    public func reject(_ delivery: Delivery) {
        settle(delivery, .nack(requeue: false))
    }

    /// Closes the connection (the broker requeues anything unsettled) and ends the thread.
    public func close() {
        connection?.close()
        connection = nil
        executor.shutdown()
    }

    private enum Settlement {
        case ack(multiple: Bool)
        case nack(requeue: Bool)
    }

    private func settle(_ delivery: Delivery, _ settlement: Settlement) {
        guard let connection, delivery.generation == generation else {
            logger.debug("settling a delivery of a closed connection: the broker redelivers it")
            return
        }
        do throws(AMQPError) {
            switch settlement {
            case .ack(let multiple): try connection.ack(delivery.deliveryTag, multiple: multiple)
            case .nack(let requeue): try connection.nack(delivery.deliveryTag, requeue: requeue)
            }
        } catch {
            drop(connection, because: error)
        }
    }

    private func connected() async -> AMQPConnection? {
        if let connection { return connection }
        do throws(AMQPError) {
            let connection = try AMQPConnection(configuration: configuration)
            do throws(AMQPError) {
                try connection.declare(topology)
                try connection.startConsuming(queue: queue, prefetch: prefetch)
            } catch {
                connection.close()
                throw error
            }
            generation += 1
            backoff.reset()
            self.connection = connection
            logger.info("consumer connected", metadata: ["amqp.queue": "\(queue)", "amqp.generation": "\(generation)"])
            return connection
        } catch {
            let delay = backoff.nextDelay()
            logger.warning(
                "consumer could not connect; retrying",
                metadata: ["amqp.queue": "\(queue)", "error": "\(error)", "retry.in": "\(delay)"])
            try? await Task.sleep(for: delay)
            return nil
        }
    }

    private func drop(_ connection: AMQPConnection, because error: AMQPError) {
        logger.warning("consumer connection dropped", metadata: ["amqp.queue": "\(queue)", "error": "\(error)"])
        connection.close()
        self.connection = nil
    }
}
