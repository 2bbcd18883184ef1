import AMQPClient
import Foundation
import Logging
@testable import Messaging
import PostgresClient
import TestSupport
import XCTest

/// A message that kills every process that handles it (`PoisonProbe` traps on the body `poison`)
/// does not crash-loop its service until the broker's delivery limit: restarted as a supervisor
/// would, the service handles the poison alone a few times, then dead-letters it with the reason
/// `poison` without running the handler again, and every other message of its batch has exactly
/// one effect.
final class PoisonTests: XCTestCase {
    private let logger: Logger = {
        var logger = Logger(label: "poison-test")
        logger.logLevel = .warning
        return logger
    }()

    func testAMessageThatKillsItsConsumerIsDeadLetteredAsPoisonAndTheOthersAreHandledOnce() async throws {
        let stack = try LocalStack.fromEnvironment()
        let schema = try await ScratchSchema.create(on: stack, logger: logger)
        try await schema.client.withConnection { _ = try $0.execute("CREATE TABLE effects (message_id uuid NOT NULL, body text NOT NULL)") }
        let service = "poison-\(UUID().uuidString.prefix(8).lowercased())"
        let key = "test.\(service).ping"
        let amqp = try AMQPConfiguration(url: stack.adminAMQPURL)
        let attempts = FileManager.default.temporaryDirectory.appendingPathComponent("\(service).attempts")
        _ = FileManager.default.createFile(atPath: attempts.path, contents: nil)
        let inspector = AMQPInspector(configuration: amqp)
        defer {
            Task { [schema] in
                for queue in [service, SpotJobTopology.deadLetterQueue(of: service)] { try? await inspector.deleteQueue(queue) }
                await inspector.close()
                await schema.client.close()
            }
            try? FileManager.default.removeItem(at: attempts)
        }
        // The queue exists before anything is published to it.
        let declaring = AMQPConsumer(
            configuration: amqp, queue: service, topology: SpotJobTopology.service(service, consumes: [key]), logger: logger)
        _ = await declaring.next(timeout: .milliseconds(1))
        await declaring.close()
        let deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: [service], logger: logger)
        await deadLetters.start()
        let bodies = (0..<5).map { "m\($0)" } + ["poison"] + (5..<10).map { "m\($0)" }
        let publisher = AMQPPublisher(configuration: amqp, logger: logger)
        try await publisher.publish(bodies.map {
            Envelope(type: key, producer: "test", body: Array($0.utf8)).outgoing(exchange: SpotJobTopology.exchange)
        })
        await publisher.close()

        var starts = 0
        var probe: Process?
        var dead: [Delivery] = []
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            if probe?.isRunning != true {
                starts += 1
                let process = Process()
                process.executableURL = ServiceProcess.buildDirectory.appendingPathComponent("PoisonProbe")
                process.arguments = [stack.adminDatabaseURL, stack.adminAMQPURL, schema.name, service, attempts.path]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                probe = process
            }
            dead += await deadLetters.collect(1, timeout: .milliseconds(100))
            if !dead.isEmpty, try await schema.count("SELECT count(DISTINCT body) FROM effects") == 10 { break }
        }
        dead += await deadLetters.collect(0, settle: .milliseconds(500))
        if let probe, probe.isRunning { kill(probe.processIdentifier, SIGTERM); probe.waitUntilExit() }
        await deadLetters.close()

        let attemptsMade = try String(contentsOf: attempts, encoding: .utf8).split(separator: "\n").count
        XCTAssertGreaterThan(starts, 1, "the poison killed the consumer")
        XCTAssertEqual(attemptsMade, 1 + Redeliveries.poisonLimit, "once in its batch, then alone up to the limit")
        XCTAssertEqual(starts, attemptsMade + 1, "each attempt cost one start, and the last start stays up")
        XCTAssertEqual(dead.map { String(decoding: $0.body, as: UTF8.self) }, ["poison"])
        let reason = dead.first?.properties.headers[DeadLetter.reasonHeader]?.stringValue ?? ""
        XCTAssertTrue(reason.hasPrefix("poison"), reason)
        let effects = try await schema.count("SELECT count(*) FROM effects")
        let distinct = try await schema.count("SELECT count(DISTINCT body) FROM effects")
        XCTAssertEqual(effects, 10, "every other message has one effect")
        XCTAssertEqual(distinct, 10)
        let left = try await AMQPTestQueue.messageCount(service, stack: stack)
        XCTAssertEqual(left, 0)
    }
}
