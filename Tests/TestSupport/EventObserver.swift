import AMQPClient
import Foundation
import Logging

/// Watches the broker like a downstream service would: a queue of its own bound to the routing
/// keys under test, collecting (and acking) what arrives.
public final class EventObserver: Sendable {
    public let queue: String
    private let consumer: AMQPConsumer
    private let admin: AMQPConfiguration

    /// Binds a fresh queue to `routingKeys` on `exchange` (declared if missing, as a topic exchange
    /// like both of SpotJob's, `spotjob` and `spotjob.dead`). A `durable` observer's queue is a
    /// quorum queue, so it keeps what arrives across a broker restart.
    public init(
        stack: LocalStack, exchange: String = "spotjob", routingKeys: [String], durable: Bool = false, logger: Logger
    ) throws {
        let queue = "observer.\(UUID().uuidString.prefix(8).lowercased())"
        self.queue = queue
        var observed = durable ? Topology.Queue.quorum(queue) : Topology.Queue(name: queue)
        observed.arguments["x-expires"] = .int(60_000)
        let topology = Topology(
            exchanges: [.init(name: exchange, kind: .topic)],
            queues: [observed],
            bindings: routingKeys.map { .init(queue: queue, exchange: exchange, routingKey: $0) })
        admin = try AMQPConfiguration(url: stack.adminAMQPURL)
        consumer = AMQPConsumer(configuration: admin, queue: queue, prefetch: 500, topology: topology, logger: logger)
    }

    /// Connects and binds now, so nothing published afterwards is missed.
    public func start() async {
        _ = await consumer.next(maxCount: 1, timeout: .milliseconds(1))
    }

    /// Collects deliveries until `count` arrived or `timeout` passed, then waits `settle` more to
    /// catch duplicates.
    public func collect(_ count: Int, timeout: Duration = .seconds(30), settle: Duration = .zero) async -> [Delivery] {
        var received: [Delivery] = []
        let deadline = ContinuousClock.now + timeout
        while received.count < count, ContinuousClock.now < deadline {
            received += await take(timeout: .milliseconds(200))
        }
        let settleDeadline = ContinuousClock.now + settle
        while ContinuousClock.now < settleDeadline {
            received += await take(timeout: .milliseconds(100))
        }
        return received
    }

    private func take(timeout: Duration) async -> [Delivery] {
        let batch = await consumer.next(maxCount: 500, timeout: timeout)
        if let last = batch.last { await consumer.ackAll(through: last) }
        return batch
    }

    /// Stops watching and deletes the queue, so it does not collect copies of later events.
    public func close() async {
        await consumer.close()
        let inspector = AMQPInspector(configuration: admin)
        try? await inspector.deleteQueue(queue)
        await inspector.close()
    }
}
