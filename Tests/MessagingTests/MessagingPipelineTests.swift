import AMQPClient
import BodyReading
import Contracts
import Foundation
import JSON
import Logging
@testable import Messaging
import PostgresClient
import Prometheus
import ServiceRuntime
import TestSupport
import XCTest

/// The consumer, inbox, outbox and relay together against the real PostgreSQL and RabbitMQ.
final class MessagingPipelineTests: XCTestCase {
    private var stack: LocalStack!
    private var schema: ScratchSchema!
    private var service: String!
    private var handler: RecordingHandler!
    private var amqp: AMQPConfiguration!
    private let logger = Logger(label: "messaging-test")

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        schema = try await ScratchSchema.create(on: stack, logger: logger)
        try await schema.client.withConnection { _ = try $0.execute(RecordingHandler.migration) }
        service = "svc-\(UUID().uuidString.prefix(8).lowercased())"
        handler = RecordingHandler(prefix: "test.\(service!)")
        amqp = try AMQPConfiguration(url: stack.adminAMQPURL)
    }

    override func tearDown() async throws {
        let inspector = AMQPInspector(configuration: amqp)
        for queue in [service!, SpotJobTopology.deadLetterQueue(of: service)] { try? await inspector.deleteQueue(queue) }
        await inspector.close()
        await schema.client.close()
    }

    /// The scratch service running as a service runs (``ConsumingService``: consumer, relay, health),
    /// configured in code on the scratch schema; stopped by cancelling its task.
    private struct Running {
        var task: Task<Void, any Error>

        func stop() async {
            task.cancel()
            _ = await task.result
        }
    }

    private func startService(batchSize: Int = 50, capture: LogCapture? = nil) -> Running {
        let configuration = ServiceConfiguration(
            service: service, schema: schema.name, databaseURL: stack.adminDatabaseURL, amqpURL: stack.adminAMQPURL,
            migrationDirectories: [ScratchSchema.migrationsDirectory.appendingPathComponent("common")],
            batchSize: batchSize, lanes: 1)
        let consuming = ConsumingService(
            declaration: ServiceDeclaration(
                name: service, consumes: handler.routingKeys, handler: handler,
                rejections: RejectionPolicy().announcing("\(handler.prefix).rejected", subjectField: .subjectOnly, for: handler.routingKeys)),
            configuration: configuration, metrics: PrometheusCollectorRegistry(),
            loggers: capture.map { capture in ServiceLoggers { capture.logger(label: $0) } } ?? ServiceLoggers { Logger(label: $0) })
        return Running(task: Task { try await consuming.run() })
    }

    private func ping(_ body: String, id: UUID = UUID(), correlation: String? = nil) -> OutgoingMessage {
        Self.ping(prefix: handler.prefix, body, id: id, correlation: correlation)
    }

    private static func ping(prefix: String, _ body: String, id: UUID = UUID(), correlation: String? = nil) -> OutgoingMessage {
        Envelope(messageID: id, type: "\(prefix).ping", correlationID: correlation, producer: "test", body: Array(body.utf8))
            .outgoing(exchange: SpotJobTopology.exchange)
    }

    private func declareQueues() async throws {
        // The service's queue must exist before anything is published to it.
        let consumer = AMQPConsumer(
            configuration: amqp, queue: service, topology: SpotJobTopology.service(service, consumes: handler.routingKeys),
            logger: logger)
        _ = await consumer.next(timeout: .milliseconds(1))
        await consumer.close()
    }

    /// An observer of the scratch service's dead letters, started.
    private func watchDeadLetters() async throws -> EventObserver {
        let observer = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: [service], logger: logger)
        await observer.start()
        return observer
    }

    /// Duplicate handling: the same message id delivered twice (a redelivery, or a sender that
    /// published twice) has one effect and one event; both deliveries are acknowledged.
    func testRedeliveredMessageHasOneEffectAndOneEvent() async throws {
        try await declareQueues()
        let observer = try EventObserver(stack: stack, routingKeys: ["\(handler.prefix).pong"], logger: logger)
        await observer.start()
        let publisher = AMQPPublisher(configuration: amqp, logger: logger)
        let id = UUID()
        try await publisher.publish([ping("once", id: id, correlation: "corr-1"), ping("once", id: id, correlation: "corr-1")])
        let running = startService()

        let events = await observer.collect(1, settle: .seconds(1))
        try await waitUntil("the queue is drained") { try await schema.count("SELECT count(*) FROM inbox") == 1 }
        await running.stop()
        await publisher.close()
        await observer.close()

        let effects = try await schema.count("SELECT count(*) FROM effects")
        XCTAssertEqual(effects, 1, "the duplicate had no second effect")
        XCTAssertEqual(events.count, 1, "one event for one effect")
        let event = try XCTUnwrap(events.first)
        XCTAssertEqual(event.properties.correlationID, "corr-1", "the correlation id is carried on")
        XCTAssertEqual(event.properties.headers[Envelope.causationHeader]?.stringValue, id.uuidString.lowercased())
        XCTAssertEqual(try JSONDecoder().decode(RecordingHandler.Pong.self, from: Data(event.body)), .init(body: "once"))
        let left = try await AMQPTestQueue.messageCount(service, stack: stack)
        XCTAssertEqual(left, 0, "both deliveries were acknowledged")
    }

    /// The kit records what a handler refuses, saying only what is wrong: the message in
    /// `rejected_messages` (subject, errors, raw body as received), and the event the declaration
    /// names for its routing key, with the common rejection fields.
    func testARefusedMessageIsKeptAndAnsweredWithTheDeclaredEvent() async throws {
        try await declareQueues()
        let observer = try EventObserver(stack: stack, routingKeys: ["\(handler.prefix).rejected"], logger: logger)
        await observer.start()
        let publisher = AMQPPublisher(configuration: amqp, logger: logger)
        let id = UUID()
        try await publisher.publish([ping("bad", id: id)])
        let running = startService()

        let events = await observer.collect(1, settle: .milliseconds(300))
        await running.stop()
        await publisher.close()
        await observer.close()

        XCTAssertEqual(events.count, 1, "one answer")
        let answer = try JSONCoding.makeDecoder().decode(RejectedPayload.self, from: Data(try XCTUnwrap(events.first).body))
        XCTAssertEqual(answer.messageId, id)
        XCTAssertEqual(answer.routingKey, "\(handler.prefix).ping")
        XCTAssertEqual(answer.subject, "bad-subject")
        XCTAssertEqual(answer.errors, [RecordingHandler.badBody])
        let kept = try await schema.client.withConnection { try RejectedMessageStore.record(id, on: $0) }
        XCTAssertEqual(kept?.subject, "bad-subject")
        XCTAssertEqual(kept?.errors, [RecordingHandler.badBody])
        XCTAssertEqual(kept?.bodySealed, false)
        let body = try await schema.client.withConnection { try RejectedMessageStore.body(id, on: $0) }
        XCTAssertEqual(body, .plain(Array("bad".utf8)))
        let outcome = try await schema.client.withConnection { try Inbox.outcomes(of: [id], on: $0)[id] }
        XCTAssertEqual(outcome, .rejected(reason: "rejected: $ bad"))
    }

    /// A message the handler rejects is kept: inbox outcome `rejected`, the message in the
    /// service's dead-letter queue with the reason in a header. A message with no message id is
    /// dead-lettered at once. A handler that throws dead-letters only its own message.
    func testInvalidMessagesAreDeadLetteredWithTheirReasonAndOthersGoThrough() async throws {
        try await declareQueues()
        let deadLetters = try await watchDeadLetters()
        let publisher = AMQPPublisher(configuration: amqp, logger: logger)
        var anonymous = ping("no id")
        anonymous.properties.messageID = nil
        try await publisher.publish([ping("ok-1"), ping("bad"), anonymous, ping("boom"), ping("ok-2")])
        let running = startService()

        let dead = await deadLetters.collect(3, settle: .milliseconds(500))
        try await waitUntil("the good messages are handled") {
            try await schema.count("SELECT count(*) FROM effects") == 2
        }
        await running.stop()
        await publisher.close()
        await deadLetters.close()

        let reasons = Dictionary(uniqueKeysWithValues: dead.map {
            (String(decoding: $0.body, as: UTF8.self), $0.properties.headers[DeadLetter.reasonHeader]?.stringValue ?? "")
        })
        XCTAssertEqual(Set(reasons.keys), ["bad", "no id", "boom"])
        XCTAssertEqual(reasons["bad"], "rejected: $ bad")
        XCTAssertEqual(reasons["no id"], "invalid envelope: the message has no message_id")
        XCTAssertTrue(reasons["boom"]?.hasPrefix("handler failed") == true, reasons["boom"] ?? "")
        XCTAssertEqual(dead.first?.properties.headers[DeadLetter.originalRoutingKeyHeader]?.stringValue, "\(handler.prefix).ping")
        let effects = try await schema.count("SELECT count(*) FROM effects WHERE body IN ('ok-1', 'ok-2')")
        XCTAssertEqual(effects, 2)
        let boomEffects = try await schema.count("SELECT count(*) FROM effects WHERE body = 'boom'")
        XCTAssertEqual(boomEffects, 0, "the failing handler's writes were rolled back")
        let rejected = try await schema.count("SELECT count(*) FROM inbox WHERE outcome = 'rejected'")
        XCTAssertEqual(rejected, 2, "bad and boom are remembered as rejected")
    }

    /// A database error quotes the value it could not read (PostgreSQL: `invalid input syntax for type
    /// integer: "…"`). Neither the consumer's log, nor the inbox reason, nor the dead-letter header
    /// may carry it: they name the error by SQLSTATE instead.
    func testAFailingBatchLeaksNoValuesIntoLogsInboxOrHeaders() async throws {
        try await declareQueues()
        let deadLetters = try await watchDeadLetters()
        let publisher = AMQPPublisher(configuration: amqp, logger: logger)
        let personal = ["cast: Jens Hansen", "cast: Mette Kantine", "cast: jens@kantine.example 75620000"]
        try await publisher.publish(personal.map { ping($0) } + [ping("ok")])
        let capture = LogCapture()
        let running = startService(capture: capture)

        let dead = await deadLetters.collect(3, settle: .milliseconds(500))
        try await waitUntil("the good message is handled") { try await schema.count("SELECT count(*) FROM effects") == 1 }
        await running.stop()
        await publisher.close()
        await deadLetters.close()

        XCTAssertEqual(dead.count, 3, "each failing message is dead-lettered")
        let headers = dead.compactMap { $0.properties.headers[DeadLetter.reasonHeader]?.stringValue }
        let reasons = try await schema.client.withConnection { connection in
            try connection.query("SELECT reason FROM inbox WHERE outcome = 'rejected'").map { try $0.decode(String.self, at: 0) }
        }
        XCTAssertEqual(reasons.count, 3)
        XCTAssertTrue(capture.text.contains("SQLSTATE 22P02"), "the log names the error: \(capture.text)")
        for reason in headers + reasons {
            XCTAssertTrue(reason.contains("SQLSTATE 22P02"), reason)
        }
        for text in [capture.text] + headers + reasons {
            for value in ["Jens", "Hansen", "Mette", "Kantine", "kantine.example", "75620000"] {
                XCTAssertFalse(text.contains(value), "\(value) leaked into: \(text)")
            }
        }
    }

    /// A dead letter keeps every header the message arrived with, whatever its AMQP field type, and
    /// adds the `x-spotjob-*` ones.
    func testDeadLetterCarriesEveryHeaderItArrivedWith() async throws {
        try await declareQueues()
        let deadLetters = try await watchDeadLetters()
        let headers: [String: AMQPHeaderValue] = [
            "bool": .bool(true), "int8": .int8(-8), "uint8": .uint8(200), "int16": .int16(-30_000),
            "uint16": .uint16(60_000), "int32": .int32(-2_000_000_000), "uint32": .uint32(4_000_000_000),
            "int64": .int(-9_000_000_000_000), "float": .float(1.5), "double": .double(-2.25),
            "decimal": .decimal(scale: 2, value: 17_500_000), "string": .string("æøå"), "bytes": .bytes([0, 1, 0xFF]),
            "timestamp": .timestamp(1_700_000_000), "void": .void,
            "array": .array([.int(1), .string("two"), .array([.bool(false)]), .table(["k": .double(0.5)])]),
            "table": .table(["nested": .table(["deeper": .array([.timestamp(1), .void])])]),
        ]
        var bad = ping("bad")
        bad.properties.headers.merge(headers) { $1 }
        let publisher = AMQPPublisher(configuration: amqp, logger: logger)
        try await publisher.publish([bad])
        let running = startService()

        let dead = await deadLetters.collect(1, settle: .milliseconds(300))
        await running.stop()
        await publisher.close()
        await deadLetters.close()

        let received = try XCTUnwrap(dead.first).properties.headers
        for (key, value) in bad.properties.headers {
            XCTAssertEqual(received[key], value, key)
        }
        XCTAssertEqual(received[DeadLetter.reasonHeader], .string("rejected: $ bad"))
        XCTAssertEqual(received[DeadLetter.serviceHeader], .string(service))
        XCTAssertEqual(received[DeadLetter.originalRoutingKeyHeader], .string("\(handler.prefix).ping"))
    }

    /// The transactional outbox when the process that committed is gone: rows committed by one
    /// client and never relayed are published by a relay started later, then marked sent.
    func testEventsCommittedByAProcessThatIsGoneAreRelayedLater() async throws {
        let observer = try EventObserver(stack: stack, routingKeys: ["\(handler.prefix).pong"], logger: logger)
        await observer.start()
        let events = try (0..<20).map { try OutboxEvent(type: "\(handler.prefix).pong", payload: RecordingHandler.Pong(body: "\($0)"), producer: "test") }
        try await schema.client.transaction { try Outbox.enqueue(events, on: $0) }

        let running = startService()
        let received = await observer.collect(20, settle: .milliseconds(500))
        await running.stop()
        await observer.close()

        XCTAssertEqual(Set(received.compactMap(\.properties.messageID)), Set(events.map { $0.envelope.messageID.uuidString.lowercased() }))
        let unsent = try await schema.count("SELECT count(*) FROM outbox")
        XCTAssertEqual(unsent, 0)
    }

    /// PostgreSQL restarting while messages flow: failed batches are retried, the client
    /// reconnects, and every message has exactly one effect.
    func testPostgresRestartWhileConsumingIsSurvived() async throws {
        try await declareQueues()
        let publisher = AMQPPublisher(configuration: amqp, logger: logger)
        let running = startService(batchSize: 20)
        let total = 600
        let prefix = handler.prefix
        let publishing = Task {
            for start in stride(from: 0, to: total, by: 20) {
                try await publisher.publish((start..<start + 20).map { MessagingPipelineTests.ping(prefix: prefix, "m\($0)") })
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        try await stack.restartPostgres()
        try await publishing.value
        try await waitUntil("all messages are handled", timeout: .seconds(60)) {
            (try? await schema.count("SELECT count(DISTINCT body) FROM effects")) == total
        }
        await running.stop()
        await publisher.close()

        let effects = try await schema.count("SELECT count(*) FROM effects")
        XCTAssertEqual(effects, total, "exactly one effect per message")
    }
}
