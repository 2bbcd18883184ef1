import AMQPClient
import Logging
import Messaging
import TestSupport
import XCTest

/// Dead letters are least-privileged (issue 18, fault 5): on the topic exchange `spotjob.dead` each
/// service publishes and binds only its own name (`deploy/rabbitmq/permissions.tsv`), so it can
/// neither forge another service's dead letters nor read them; outside users cannot touch it.
final class DeadLetterPrivilegeTests: XCTestCase {
    private let logger = Logger(label: "dead-letter-privilege-test")

    /// Publishes an empty probe to `exchange` with `routingKey` as the user of `url`; the broker's
    /// answer (a refused publish closes the channel, which the publisher reports as an error).
    private func publish(as url: String, to exchange: String, routingKey: String) async throws -> AMQPError? {
        let publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: url), logger: logger)
        defer { Task { await publisher.close() } }
        do {
            try await publisher.publish(OutgoingMessage(exchange: exchange, routingKey: routingKey, body: []))
            return nil
        } catch {
            return error
        }
    }

    func testAServiceCannotPublishAnotherServicesDeadLetters() async throws {
        let stack = try LocalStack.fromEnvironment()
        for service in LocalStack.services {
            for other in LocalStack.services where other != service {
                let refusal = try await publish(as: stack.amqpURL(service: service), to: SpotJobTopology.deadLetterExchange, routingKey: other)
                XCTAssertTrue(refusal?.isAccessRefused == true, "\(service) publishing dead letters as \(other): \(refusal.map { "\($0)" } ?? "accepted")")
            }
            // Nor straight into another service's dead-letter queue through the default exchange.
            let other = LocalStack.services.first { $0 != service }!
            let refusal = try await publish(as: stack.amqpURL(service: service), to: "", routingKey: SpotJobTopology.deadLetterQueue(of: other))
            XCTAssertTrue(refusal?.isAccessRefused == true, "\(service) publishing into \(other).dead: \(refusal.map { "\($0)" } ?? "accepted")")
        }
    }

    func testOutsideUsersCannotPublishToTheDeadLetterExchange() async throws {
        let stack = try LocalStack.fromEnvironment()
        let outside = [
            ("jobcenter-615", stack.jobcenterAMQPURL("615")), ("event-tooling", stack.eventToolingAMQPURL), ("contracts", stack.contractsAMQPURL),
            ("billing-staff", stack.billingStaffAMQPURL),
        ]
        for (user, url) in outside {
            for key in LocalStack.services {
                let refusal = try await publish(as: url, to: SpotJobTopology.deadLetterExchange, routingKey: key)
                XCTAssertTrue(refusal?.isAccessRefused == true, "\(user) publishing dead letters as \(key): \(refusal.map { "\($0)" } ?? "accepted")")
            }
        }
    }

    func testAServiceBindsItsDeadLetterQueueOnlyToItsOwnDeadLetters() async throws {
        let stack = try LocalStack.fromEnvironment()
        let intake = try AMQPConfiguration(url: stack.amqpURL(service: "intake"))
        let ownQueue = SpotJobTopology.deadLetterQueue(of: "intake")
        func bind(exchange: String, routingKey: String) async -> AMQPError? {
            let inspector = AMQPInspector(configuration: intake)
            defer { Task { await inspector.close() } }
            do {
                try await inspector.declare(Topology(bindings: [.init(queue: ownQueue, exchange: exchange, routingKey: routingKey)]))
                return nil
            } catch {
                return error
            }
        }
        // Its own binding, as the kit and the definitions declare it, is allowed: the refusals below
        // are about the keys, not the queue.
        let own = await bind(exchange: SpotJobTopology.deadLetterExchange, routingKey: "intake")
        XCTAssertNil(own, "intake binds intake.dead to its own dead letters")
        for key in ["matching", "billing", "#", "*"] {
            let refusal = await bind(exchange: SpotJobTopology.deadLetterExchange, routingKey: key)
            XCTAssertTrue(refusal?.isAccessRefused == true, "intake binding intake.dead to spotjob.dead with \(key): \(refusal.map { "\($0)" } ?? "bound")")
        }
        // On `spotjob` its topic read permission allows only the keys intake consumes.
        for key in ["candidate.profiled", "#"] {
            let refusal = await bind(exchange: SpotJobTopology.exchange, routingKey: key)
            XCTAssertTrue(refusal?.isAccessRefused == true, "intake binding intake.dead to spotjob with \(key): \(refusal.map { "\($0)" } ?? "bound")")
        }
    }
}
