import AMQPClient
import Foundation
import Logging
import Messaging
import TestSupport
import XCTest

/// Dead letters expire (issue 18, fault 9): the broker policy `spotjob-dead-letters` of the rendered
/// definitions gives every `*.dead` queue a message TTL of `REJECTED_RETENTION_DAYS`, the days the
/// services keep a refused row, and RabbitMQ drops what is older from a quorum queue.
final class DeadLetterExpiryTests: XCTestCase {
    private let logger = Logger(label: "dead-letter-expiry-test")
    private let policy = "spotjob-dead-letters"

    /// The stack's policies and queues, as `rabbitmqctl … --formatter json` prints them.
    private func rabbitmqctlJSON(_ stack: LocalStack, _ arguments: String...) async throws -> [[String: Any]] {
        let printed = try await stack.rabbitmqctl(arguments + ["-p", "spotjob", "--formatter", "json"])
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[String: Any]], printed)
    }

    func testEveryDeadLetterQueueKeepsMessagesForTheRejectedRowsRetention() async throws {
        let stack = try LocalStack.fromEnvironment()
        let days = Int(ProcessInfo.processInfo.environment["REJECTED_RETENTION_DAYS"] ?? "") ?? 90
        let policies = try await rabbitmqctlJSON(stack, "list_policies")
        let deadLetters = try XCTUnwrap(policies.first { $0["name"] as? String == policy }, "no policy \(policy): \(policies)")
        XCTAssertEqual(deadLetters["apply-to"] as? String, "queues")
        // rabbitmqctl prints the definition as a JSON string.
        let definition = try XCTUnwrap(
            (deadLetters["definition"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        XCTAssertEqual((definition["message-ttl"] as? NSNumber)?.int64Value, Int64(days) * 86_400_000, "\(days) days in milliseconds")

        let queues = try await rabbitmqctlJSON(stack, "list_queues", "name", "policy")
        for service in LocalStack.services {
            let queue = SpotJobTopology.deadLetterQueue(of: service)
            let row = queues.first { $0["name"] as? String == queue }
            XCTAssertEqual(row?["policy"] as? String, policy, "\(queue) is under the dead-letter policy")
        }
    }

    /// A dead-letter queue (its name ends in `.dead`, so the policy above applies to it) under a
    /// test-only policy of higher priority with a one-second TTL: what it holds is gone once the
    /// TTL passed, on this broker's quorum queues.
    func testAMessageInADeadLetterQueueExpiresAfterThePolicysTTL() async throws {
        let stack = try LocalStack.fromEnvironment()
        let name = "expiry-\(UUID().uuidString.prefix(8).lowercased())"
        let queue = SpotJobTopology.deadLetterQueue(of: name)
        let admin = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        try await admin.declare(Topology(queues: [.quorum(queue)]))
        defer {
            Task {
                try? await admin.deleteQueue(queue)
                await admin.close()
                _ = try? await stack.rabbitmqctl(["clear_policy", "-p", "spotjob", "test-\(name)"])
            }
        }
        let before = try await rabbitmqctlJSON(stack, "list_queues", "name", "policy")
        XCTAssertEqual(before.first { $0["name"] as? String == queue }?["policy"] as? String, policy, "the policy applies to any *.dead queue")

        _ = try await stack.rabbitmqctl([
            "set_policy", "-p", "spotjob", "--apply-to", "queues", "--priority", "100",
            "test-\(name)", "^\(name)\\.dead$", #"{"message-ttl":1000}"#])
        let publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.adminAMQPURL), logger: logger)
        try await publisher.publish(OutgoingMessage(
            exchange: "", routingKey: queue, body: Array("a dead letter".utf8)))
        await publisher.close()
        let held = try await admin.messageCount(queue: queue)
        XCTAssertEqual(held, 1, "the queue holds the message until its TTL passed")

        var left = held
        let deadline = ContinuousClock.now + .seconds(15)
        while left > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            left = try await admin.messageCount(queue: queue)
        }
        XCTAssertEqual(left, 0, "the message expired after the policy's one-second TTL")
    }
}
