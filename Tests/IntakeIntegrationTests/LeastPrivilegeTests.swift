import AMQPClient
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// Each service reaches its own schema and its own queues, nothing else (real PostgreSQL roles and
/// RabbitMQ users, as the local stack and docker-compose provision them).
final class LeastPrivilegeTests: XCTestCase {
    private let logger = Logger(label: "privilege-test")

    func testTheIntakeRoleCannotReadAnotherServicesSchema() async throws {
        let stack = try LocalStack.fromEnvironment()
        let admin = PostgresClient(configuration: PostgresConfiguration(url: stack.adminDatabaseURL), logger: logger)
        try await admin.withConnection { _ = try $0.execute("CREATE TABLE IF NOT EXISTS matching.privilege_probe (id int)") }
        await admin.close()
        let intake = PostgresClient(configuration: PostgresConfiguration(url: stack.databaseURL(service: "intake")), logger: logger)
        defer { Task { await intake.close() } }

        for table in ["matching.privilege_probe", "billing.schema_migrations", "public.pg_probe"] {
            do {
                try await intake.withConnection { _ = try $0.query("SELECT * FROM \(table)") }
                XCTFail("intake could read \(table)")
            } catch let error as PostgresError {
                XCTAssertTrue(["42501", "42P01"].contains(error.sqlState ?? ""), "\(table): \(error)")
            }
        }
        do {
            try await intake.withConnection { _ = try $0.execute("CREATE TABLE matching.intruder (id int)") }
            XCTFail("intake could create a table in matching")
        } catch let error as PostgresError {
            XCTAssertEqual(error.sqlState, "42501", "permission denied: \(error)")
        }
        let schema = try await intake.withConnection { try $0.query("SELECT current_schema()").first?.decode(String.self, at: 0) }
        XCTAssertEqual(schema, "intake", "the role works in its own schema")
    }

    func testTheIntakeBrokerUserCannotConsumeAnotherQueueNorPublishToAnExchangeItDoesNotUse() async throws {
        let stack = try LocalStack.fromEnvironment()
        let adminInspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        try await adminInspector.declare(SpotJobTopology.service("matching", consumes: []))
        await adminInspector.close()
        let intakeURL = try AMQPConfiguration(url: stack.amqpURL(service: "intake"))

        let inspector = AMQPInspector(configuration: intakeURL)
        do {
            try await inspector.purge(queue: "matching")
            XCTFail("intake could purge matching's queue")
        } catch {
            XCTAssertTrue(error.isAccessRefused, "\(error)")
        }
        await inspector.close()

        let consumer = AMQPConsumer(configuration: intakeURL, queue: "matching", logger: logger)
        let deliveries = await consumer.next(timeout: .milliseconds(200))
        let connected = await consumer.isConnected
        XCTAssertTrue(deliveries.isEmpty)
        XCTAssertFalse(connected, "basic.consume on matching's queue is refused")
        await consumer.close()

        let publisher = AMQPPublisher(configuration: intakeURL, logger: logger)
        do {
            try await publisher.publish(OutgoingMessage(exchange: "amq.topic", routingKey: "x", body: []))
            XCTFail("intake could publish to amq.topic")
        } catch {
            XCTAssertTrue(error.isAccessRefused, "\(error)")
        }
        // A key intake emits (which no service consumes) is allowed; a key it does not emit is not.
        try await publisher.publish(OutgoingMessage(exchange: SpotJobTopology.exchange, routingKey: "sheet.rejected", body: []))
        await publisher.close()
    }

    /// Topic permissions: each user publishes only the routing keys it must (permissions.tsv).
    func testEachBrokerUserPublishesOnlyItsOwnRoutingKeys() async throws {
        let stack = try LocalStack.fromEnvironment()
        let refused: [(user: String, url: String, key: String)] = [
            ("intake", stack.amqpURL(service: "intake"), "invoice.issued"),
            ("intake", stack.amqpURL(service: "intake"), "sheet.submitted"),
            ("jobcenter-615", stack.jobcenterAMQPURL("615"), "opening.registered"),
            ("jobcenter-615", stack.jobcenterAMQPURL("615"), "candidate.rejected"),
            ("jobcenter-615", stack.jobcenterAMQPURL("615"), "jobcenter.registered"),
            ("event-tooling", stack.eventToolingAMQPURL, "candidate.profiled"),
            ("event-tooling", stack.eventToolingAMQPURL, "jobcenter.registered"),
            ("contracts", stack.contractsAMQPURL, "jobcenter.removed"),
            ("contracts", stack.contractsAMQPURL, "sheet.submitted"),
            ("followup", stack.amqpURL(service: "followup"), "placement.recorded"),
        ]
        for (user, url, key) in refused {
            let publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: url), logger: logger)
            do {
                try await publisher.publish(OutgoingMessage(exchange: SpotJobTopology.exchange, routingKey: key, body: []))
                XCTFail("\(user) could publish \(key)")
            } catch {
                XCTAssertTrue(error.isAccessRefused, "\(user) publishing \(key): \(error)")
            }
            await publisher.close()
        }
        // What each outside user must send goes through (to keys no service consumes with this body:
        // the probes carry no message id, so a consumer would only dead-letter them).
        for (url, key) in [
            (stack.jobcenterAMQPURL("615"), "sheet.withdrawn"), (stack.eventToolingAMQPURL, "sheet.withdrawn"),
            (stack.contractsAMQPURL, "contract.registered"),
        ] {
            let publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: url), logger: logger)
            try await publisher.publish(OutgoingMessage(
                exchange: SpotJobTopology.exchange, routingKey: key, body: [], properties: AMQPMessageProperties(headers: ["x-probe": .bool(true)])))
            await publisher.close()
        }
    }

    /// A company contact's name, phone and e-mail travel on intake's hand-overs, which followup alone
    /// may bind (GDPR art. 5(1)(c)): matching's user cannot bind its queue to them.
    func testOnlyFollowupMayBindTheHandoversThatCarryContacts() async throws {
        let stack = try LocalStack.fromEnvironment()
        let adminInspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        try await adminInspector.declare(SpotJobTopology.service("matching", consumes: []))
        await adminInspector.close()
        for key in ["opening.handed-over", "lead.registered", "lead.updated", "lead.withdrawn"] {
            let matching = AMQPInspector(configuration: try AMQPConfiguration(url: stack.amqpURL(service: "matching")))
            do {
                try await matching.declare(Topology(bindings: [.init(queue: "matching", exchange: SpotJobTopology.exchange, routingKey: key)]))
                XCTFail("matching could bind \(key)")
            } catch {
                XCTAssertTrue(error.isAccessRefused, "matching binding \(key): \(error)")
            }
            await matching.close()
        }
    }

    /// Jobcenter systems and the event tooling send; they read no service's queue.
    func testOutsideSendersCannotConsumeAServicesQueue() async throws {
        let stack = try LocalStack.fromEnvironment()
        for (url, queue) in [stack.jobcenterAMQPURL("615"), stack.eventToolingAMQPURL].flatMap({ url in
            ["intake", "matching", "followup", "billing.invoices", "intake.dead"].map { (url, $0) }
        }) {
            let consumer = AMQPConsumer(configuration: try AMQPConfiguration(url: url), queue: queue, logger: logger)
            let deliveries = await consumer.next(timeout: .milliseconds(200))
            let connected = await consumer.isConnected
            XCTAssertTrue(deliveries.isEmpty, queue)
            XCTAssertFalse(connected, "basic.consume on \(queue) is refused")
            await consumer.close()
        }
    }

    /// Billing staff read their invoice queue and nothing else.
    func testBillingStaffMayOnlyReadTheInvoiceQueue() async throws {
        let stack = try LocalStack.fromEnvironment()
        let staff = try AMQPConfiguration(url: stack.billingStaffAMQPURL)

        let invoices = AMQPConsumer(configuration: staff, queue: "billing.invoices", logger: logger)
        _ = await invoices.next(timeout: .milliseconds(200))
        let readsInvoices = await invoices.isConnected
        XCTAssertTrue(readsInvoices, "billing staff consume billing.invoices")
        await invoices.close()

        let intakeQueue = AMQPConsumer(configuration: staff, queue: "intake", logger: logger)
        _ = await intakeQueue.next(timeout: .milliseconds(200))
        let readsIntake = await intakeQueue.isConnected
        XCTAssertFalse(readsIntake, "billing staff cannot consume intake's queue")
        await intakeQueue.close()

        let publisher = AMQPPublisher(configuration: staff, logger: logger)
        do {
            try await publisher.publish(OutgoingMessage(exchange: SpotJobTopology.exchange, routingKey: "invoice.issued", body: []))
            XCTFail("billing staff could publish")
        } catch {
            XCTAssertTrue(error.isAccessRefused, "\(error)")
        }
        await publisher.close()
    }

    func testTheGuestUserDoesNotExist() async throws {
        let stack = try LocalStack.fromEnvironment()
        var guest = try AMQPConfiguration(url: stack.adminAMQPURL)
        (guest.user, guest.password) = ("guest", "guest")
        let inspector = AMQPInspector(configuration: guest)
        do {
            try await inspector.declare(Topology())
            XCTFail("guest could log in")
        } catch {
            guard case .connectionFailed = error else { return XCTFail("\(error)") }
        }
        await inspector.close()
    }
}
