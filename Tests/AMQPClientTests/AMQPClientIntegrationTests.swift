import AMQPClient
import Foundation
import Logging
import Synchronization
import TestSupport
import XCTest

/// Publish, consume and survive against the real broker of the local stack.
final class AMQPClientIntegrationTests: XCTestCase {
    private var stack: LocalStack!
    private var configuration: AMQPConfiguration!
    private let logger = Logger(label: "amqp-test")

    override func setUpWithError() throws {
        stack = try LocalStack.fromEnvironment()
        configuration = try AMQPConfiguration(url: stack.adminAMQPURL)
    }

    private func scratchTopology(queueArguments: [String: AMQPHeaderValue] = ["x-queue-type": .string("quorum")]) -> (Topology, String) {
        let name = "test.\(UUID().uuidString.prefix(8).lowercased())"
        let topology = Topology(
            exchanges: [.init(name: "test.exchange", kind: .topic)],
            queues: [.init(name: name, arguments: queueArguments.merging(["x-expires": .int(300_000)]) { a, _ in a })],
            bindings: [.init(queue: name, exchange: "test.exchange", routingKey: name)])
        return (topology, name)
    }

    private func message(_ routingKey: String, _ index: Int) -> OutgoingMessage { Self.message(routingKey, index) }

    /// What `message(routingKey, index)` arrives with: the publisher sets its own user as `user_id`.
    private func received(_ routingKey: String, _ index: Int) -> AMQPMessageProperties {
        var properties = message(routingKey, index).properties
        properties.userID = configuration.user
        return properties
    }

    private static func message(_ routingKey: String, _ index: Int) -> OutgoingMessage {
        OutgoingMessage(
            exchange: "test.exchange", routingKey: routingKey, body: Array("message \(index)".utf8),
            properties: AMQPMessageProperties(
                messageID: "m-\(index)", type: "test.message", contentType: "application/json",
                correlationID: "c-\(index)", appID: "tests", timestamp: 1_700_000_000,
                headers: ["schema-version": .int(1), "note": .string("æøå"), "flag": .bool(true)]))
    }

    private func drain(_ consumer: AMQPConsumer, expecting count: Int, within: Duration = .seconds(20)) async -> [Delivery] {
        var received: [Delivery] = []
        let deadline = ContinuousClock.now + within
        while received.count < count, ContinuousClock.now < deadline {
            let batch = await consumer.next(maxCount: 100, timeout: .milliseconds(200))
            received += batch
            if let last = batch.last { await consumer.ackAll(through: last) }
        }
        return received
    }

    func testPublishedMessagesArriveWithBodyAndPropertiesIntact() async throws {
        let (topology, queue) = scratchTopology()
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: logger)
        let consumer = AMQPConsumer(configuration: configuration, queue: queue, prefetch: 50, topology: topology, logger: logger)
        defer { Task { await publisher.close(); await consumer.close() } }

        try await publisher.publish((0..<200).map { message(queue, $0) })
        let received = await drain(consumer, expecting: 200)

        XCTAssertEqual(received.count, 200)
        XCTAssertEqual(received.map(\.body), (0..<200).map { Array("message \($0)".utf8) }, "in publish order")
        XCTAssertEqual(received.first?.properties, self.received(queue, 0))
        XCTAssertEqual(received.first?.routingKey, queue)
        let leftover = await consumer.next(maxCount: 1, timeout: .milliseconds(300))
        XCTAssertTrue(leftover.isEmpty, "everything was acknowledged")
    }

    func testBodiesLargerThanAFrameAndEmptyBodiesArriveIntact() async throws {
        let (topology, queue) = scratchTopology()
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: logger)
        let consumer = AMQPConsumer(configuration: configuration, queue: queue, prefetch: 50, topology: topology, logger: logger)
        defer { Task { await publisher.close(); await consumer.close() } }

        // Larger than frame_max (128 KiB) and than the publisher's 64 KiB writes, with small ones between.
        let bodies: [[UInt8]] = [
            (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }, [], Array("small".utf8),
            [UInt8](repeating: 0x61, count: 131_072 - 8), [UInt8](repeating: 0x62, count: 131_072 - 7),
        ]
        try await publisher.publish(bodies.enumerated().map { index, body in
            var message = message(queue, index)
            message.body = body
            return message
        })
        let received = await drain(consumer, expecting: bodies.count)
        XCTAssertTrue(received.map(\.body) == bodies, "bodies intact and in order")
        XCTAssertEqual(received.map(\.properties), (0..<bodies.count).map { self.received(queue, $0) })
    }

    func testRequeuedMessageComesBackAndRejectedMessageIsDeadLettered() async throws {
        let deadQueue = "test.dead.\(UUID().uuidString.prefix(8).lowercased())"
        var (topology, queue) = scratchTopology(queueArguments: [
            "x-queue-type": .string("quorum"), "x-dead-letter-exchange": .string("test.exchange"),
            "x-dead-letter-routing-key": .string("dead.\(deadQueue)"),
        ])
        topology = topology.merged(with: Topology(
            queues: [.init(name: deadQueue, arguments: ["x-expires": .int(300_000)])],
            bindings: [.init(queue: deadQueue, exchange: "test.exchange", routingKey: "dead.\(deadQueue)")]))
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: logger)
        let consumer = AMQPConsumer(configuration: configuration, queue: queue, topology: topology, logger: logger)
        let deadConsumer = AMQPConsumer(configuration: configuration, queue: deadQueue, topology: topology, logger: logger)
        defer { Task { await publisher.close(); await consumer.close(); await deadConsumer.close() } }

        try await publisher.publish(message(queue, 1))
        let firstBatch = await consumer.next(timeout: .seconds(5))
        let first = try XCTUnwrap(firstBatch.first)
        await consumer.requeue(first)
        let againBatch = await consumer.next(timeout: .seconds(5))
        let again = try XCTUnwrap(againBatch.first)
        XCTAssertEqual(again.body, first.body)
        XCTAssertTrue(again.redelivered)
        await consumer.reject(again)

        let dead = await drain(deadConsumer, expecting: 1, within: .seconds(10))
        XCTAssertEqual(dead.map(\.body), [first.body])
    }

    func testANackFromTheBrokerIsAnErrorTheCallerSees() async throws {
        let (topology, queue) = scratchTopology(queueArguments: [
            "x-max-length": .int(1), "x-overflow": .string("reject-publish"),
        ])
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: logger)
        defer { Task { await publisher.close() } }

        try await publisher.publish(message(queue, 1))
        do {
            try await publisher.publish([message(queue, 2), message(queue, 3)])
            XCTFail("a full queue with reject-publish must nack")
        } catch {
            XCTAssertEqual(error, .nacked(count: 2))
        }
    }

    func testPublishingToAMissingExchangeFailsThenThePublisherRecovers() async throws {
        let (topology, queue) = scratchTopology()
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: logger)
        defer { Task { await publisher.close() } }

        var missing = message(queue, 1)
        missing.exchange = "no.such.exchange"
        do {
            try await publisher.publish(missing)
            XCTFail("publishing to a missing exchange must fail")
        } catch {
            guard case .closedByBroker(404, _) = error else { return XCTFail("expected 404, got \(error)") }
        }
        try await publisher.publish(message(queue, 2))
    }

    func testWrongPasswordIsAConnectionFailure() async throws {
        var wrong = configuration!
        wrong.password = "wrong"
        let publisher = AMQPPublisher(configuration: wrong, logger: logger)
        defer { Task { await publisher.close() } }
        do {
            try await publisher.publish(message("x", 1))
            XCTFail("login must fail")
        } catch {
            guard case .connectionFailed = error else { return XCTFail("expected connectionFailed, got \(error)") }
        }
    }

    /// A broker restart in the middle of publishing and consuming: publishes that fail are retried
    /// by the caller (as the outbox relay does), the consumer reconnects by itself, and every
    /// message arrives (some possibly twice: delivery is at least once).
    func testBrokerRestartWhilePublishingAndConsumingLosesNothing() async throws {
        let (topology, queue) = scratchTopology()
        let publisher = AMQPPublisher(configuration: configuration, topology: topology, logger: logger)
        let consumer = AMQPConsumer(configuration: configuration, queue: queue, prefetch: 50, topology: topology, logger: logger)
        defer { Task { await publisher.close(); await consumer.close() } }
        let restarted = Mutex(false)

        // Publishes batches of 50 until the restart is over and 20 more batches went out.
        let publishing = Task {
            var (published, failures, batchesAfterRestart) = (0, 0, 0)
            while batchesAfterRestart < 20 {
                let batch = (published..<published + 50).map { AMQPClientIntegrationTests.message(queue, $0) }
                do {
                    try await publisher.publish(batch)
                    published += 50
                    if restarted.withLock({ $0 }) { batchesAfterRestart += 1 }
                } catch {
                    failures += 1
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return (published, failures)
        }
        // Consumes (and acks) throughout, until told to stop.
        let seen = Mutex(Set<String>())
        let stop = Mutex(false)
        let consuming = Task {
            while !stop.withLock({ $0 }) {
                let batch = await consumer.next(maxCount: 50, timeout: .milliseconds(200))
                seen.withLock { seen in for delivery in batch { seen.insert(delivery.properties.messageID ?? "") } }
                if let last = batch.last { await consumer.ackAll(through: last) }
            }
        }

        try await Task.sleep(for: .milliseconds(500))
        try await stack.restartRabbitMQ()
        restarted.withLock { $0 = true }
        let (published, failures) = try await publishing.value
        let expected = Set((0..<published).map { "m-\($0)" })
        let deadline = ContinuousClock.now + .seconds(60)
        while !seen.withLock({ $0.isSuperset(of: expected) }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        stop.withLock { $0 = true }
        await consuming.value

        XCTAssertGreaterThan(failures, 0, "the restart happened while publishing")
        XCTAssertEqual(seen.withLock { $0.intersection(expected).count }, expected.count, "every confirmed message arrived")
    }
}
