import AMQPClient
import BodyReading
import Contracts
import Foundation
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// `spotjob jobcenters add|list|grant|revoke|remove` against the local stack's broker (management
/// API and AMQP over TLS), with intake running: a new tenant connects, sends for its municipality
/// (and granted neighbours) only, reads only its own queue, and is gone after `remove`.
final class JobcenterTenancyTests: XCTestCase {
    private var stack: LocalStack!
    private var intake: ServiceProcess!
    private var observer: EventObserver!
    private let logger = Logger(label: "jobcenter-tenancy-test")
    private var prefix = ""

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        prefix = "jt-\(UUID().uuidString.prefix(8).lowercased())"
        observer = try EventObserver(stack: stack, routingKeys: ["opening.*", IntakeEvents.sheetRejected], logger: logger)
        await observer.start()
        intake = try ServiceProcess(service: IntakeEvents.service, stack: stack)
        try await intake.waitUntilStarted()
    }

    override func tearDown() async throws {
        await intake?.stop()
        await observer?.close()
    }

    /// Runs `spotjob ARGUMENTS` as the administrator; its exit status and what it printed.
    private func spotjob(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = ServiceProcess.buildDirectory.appendingPathComponent("spotjob")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["SPOTJOB_ADMIN_AMQP_URL": stack.adminAMQPURL]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }

    /// A jobcenter left by an earlier run that stopped half-way is removed first.
    private func addFresh(_ kommunekode: String, _ extra: [String] = []) throws -> [String: Any] {
        _ = try spotjob(["jobcenters", "remove", kommunekode])
        let added = try spotjob(["jobcenters", "add", kommunekode, "--json"] + extra)
        XCTAssertEqual(added.status, 0, added.output)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(added.output.utf8)) as? [String: Any], added.output)
    }

    private func send(_ type: String, _ fields: [String: Any], as user: AMQPConfiguration) async throws {
        let publisher = AMQPPublisher(configuration: user, logger: logger)
        try await publisher.publish(
            Envelope(type: type, producer: "jobcenter-system", body: HorsensJobShopSheet.json(fields)).outgoing(exchange: SpotJobTopology.exchange))
        await publisher.close()
    }

    private func sheet(_ suffix: String, municipality: String) -> [String: Any] {
        HorsensJobShopSheet.fields(sheetId: "\(prefix)-\(suffix)", overriding: ["municipality": municipality, "source": prefix])
    }

    private func next(about suffix: String) async throws -> ObservedEvent {
        let sheetId = "\(prefix)-\(suffix)"
        let events = try await observer.events(1, settle: .zero) { event in
            event.body(OpeningPayload.self)?.sheetId == sheetId || event.rejected?.subject == sheetId
        }
        return try XCTUnwrap(events.first, "no event about \(sheetId)")
    }

    /// Whether `user` may consume `queue` (a refused basic.consume closes the connection).
    private func consumes(_ queue: String, as user: AMQPConfiguration) async -> Bool {
        let consumer = AMQPConsumer(configuration: user, queue: queue, logger: logger)
        _ = await consumer.next(timeout: .milliseconds(300))
        let connected = await consumer.isConnected
        await consumer.close()
        return connected
    }

    /// Waits until intake stored `kommunekode`'s grant as `granted`.
    private func waitForGrant(_ kommunekode: String, _ granted: [String]) async throws {
        let database = PostgresClient(configuration: PostgresConfiguration(url: stack.databaseURL(service: IntakeEvents.service)), logger: logger)
        defer { Task { await database.close() } }
        try await waitUntil("intake keeps jobcenter \(kommunekode)'s grant \(granted)", timeout: .seconds(20)) {
            let stored = try await database.withConnection { connection in
                try connection.query(
                    "SELECT array_to_string(granted, ',') FROM jobcenter_grants WHERE kommunekode = $1", [kommunekode]
                ).first?.decode(String.self, at: 0)
            }
            return stored == granted.joined(separator: ",")
        }
    }

    func testAddListAndRemoveAJobcenter() async throws {
        let added = try addFresh("630")
        XCTAssertEqual(Set(added.keys), ["kommunekode", "municipality", "user", "password", "url", "queue", "municipalities"])
        XCTAssertEqual(added["user"] as? String, "jobcenter-630")
        XCTAssertEqual(added["queue"] as? String, "jobcenter.630")
        XCTAssertEqual(added["municipality"] as? String, "Vejle")
        XCTAssertEqual(added["municipalities"] as? [String], ["630"])
        let password = try XCTUnwrap(added["password"] as? String)
        XCTAssertGreaterThanOrEqual(password.count, 32)
        let url = try XCTUnwrap(added["url"] as? String)
        XCTAssertTrue(url.hasPrefix("amqps://jobcenter-630:\(password)@"), "its amqps:// URL")
        let vejle = try AMQPConfiguration(url: url)

        try await send(IntakeEvents.sheetSubmitted, sheet("own", municipality: "630"), as: vejle)
        let own = try await next(about: "own")
        XCTAssertEqual(own.routingKey, IntakeEvents.openingRegistered, "the new tenant sends for its municipality over TLS")

        try await send(IntakeEvents.sheetSubmitted, sheet("foreign", municipality: "615"), as: vejle)
        let foreign = try await next(about: "foreign")
        XCTAssertEqual(foreign.rejected?.errors.map(\.code), [.notYourMunicipality])
        let queue = JobcenterQueue(kommunekode: "630", user: vejle)
        let answered = await queue.read(mentioning: "\(prefix)-foreign", count: 1, timeout: .seconds(10), logger: logger)
        XCTAssertEqual(answered.map(\.routingKey), [IntakeEvents.sheetRejected], "it reads the answer in its own queue")
        let readsHorsens = await consumes("jobcenter.615", as: vejle)
        XCTAssertFalse(readsHorsens, "it cannot read another jobcenter's queue")

        let listed = try spotjob(["jobcenters", "list", "--json"])
        XCTAssertEqual(listed.status, 0, listed.output)
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]], listed.output)
        let entry = try XCTUnwrap(entries.first { $0["kommunekode"] as? String == "630" })
        XCTAssertEqual(Set(entry.keys), ["kommunekode", "municipality", "user", "queue", "municipalities", "messages"])
        XCTAssertEqual(entry["user"] as? String, "jobcenter-630")
        XCTAssertEqual(entry["municipalities"] as? [String], ["630"])
        XCTAssertNotNil(entry["messages"] as? Int)
        XCTAssertTrue(entries.contains { $0["user"] as? String == "jobcenter-615" }, "the provisioned jobcenters are listed too")
        XCTAssertFalse(listed.output.contains(password), "list never shows a password")

        let again = try spotjob(["jobcenters", "add", "630"])
        XCTAssertNotEqual(again.status, 0, "adding an existing jobcenter is refused")

        let removed = try spotjob(["jobcenters", "remove", "630"])
        XCTAssertEqual(removed.status, 0, removed.output)
        XCTAssertTrue(removed.output.contains("removed jobcenter-630"), removed.output)
        let publisher = AMQPPublisher(configuration: vejle, logger: logger)
        do {
            try await publisher.publish(Envelope(type: IntakeEvents.sheetSubmitted, producer: "x", body: []).outgoing(exchange: SpotJobTopology.exchange))
            XCTFail("a removed jobcenter could still connect")
        } catch {
            XCTAssertFalse("\(error)".contains(password), "no error quotes the password")
        }
        await publisher.close()
        let relisted = try spotjob(["jobcenters", "list", "--json"])
        let after = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(relisted.output.utf8)) as? [[String: Any]], relisted.output)
        XCTAssertFalse(after.contains { $0["kommunekode"] as? String == "630" }, "its empty queue went with it")
    }

    func testRemovingAJobcenterKeepsAQueueThatStillHoldsMessages() async throws {
        let added = try addFresh("657")
        let first = try AMQPConfiguration(url: try XCTUnwrap(added["url"] as? String))
        try await send(IntakeEvents.sheetSubmitted, sheet("unread", municipality: "615"), as: first)
        let unread = try await next(about: "unread")
        XCTAssertEqual(unread.rejected?.errors.map(\.code), [.notYourMunicipality])
        let admin = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        let deadline = ContinuousClock.now + .seconds(20)
        var waiting = try await admin.messageCount(queue: "jobcenter.657")
        while waiting == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            waiting = try await admin.messageCount(queue: "jobcenter.657")
        }
        XCTAssertGreaterThan(waiting, 0, "the answer waits in jobcenter.657")

        let removed = try spotjob(["jobcenters", "remove", "657"])
        XCTAssertEqual(removed.status, 0, removed.output)
        XCTAssertTrue(removed.output.contains("is kept"), removed.output)
        let held = try await admin.messageCount(queue: "jobcenter.657")
        XCTAssertGreaterThan(held, 0, "the unread answer is still there")
        await admin.close()
        let listed = try spotjob(["jobcenters", "list", "--json"])
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]], listed.output)
        let kept = try XCTUnwrap(entries.first { $0["kommunekode"] as? String == "657" }, "the kept queue is listed")
        XCTAssertTrue(kept["user"] is NSNull, "without a user")
        XCTAssertEqual(kept["municipalities"] as? [String], [], "and without bindings")

        let again = try spotjob(["jobcenters", "add", "657", "--json"])
        XCTAssertEqual(again.status, 0, again.output)
        let readded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.output.utf8)) as? [String: Any])
        let second = try AMQPConfiguration(url: try XCTUnwrap(readded["url"] as? String))
        let queue = JobcenterQueue(kommunekode: "657", user: second)
        let answered = await queue.read(mentioning: "\(prefix)-unread", count: 1, timeout: .seconds(10), logger: logger)
        XCTAssertEqual(answered.map(\.routingKey), [IntakeEvents.sheetRejected], "added again, it reads what waited")
        let gone = try spotjob(["jobcenters", "remove", "657"])
        XCTAssertTrue(gone.output.contains("removed jobcenter-657 and its queue"), gone.output)
    }

    func testAGrantedNeighboursSheetIsAcceptedAndAnotherRefused() async throws {
        let added = try addFresh("621", ["--grant", "607"])
        XCTAssertEqual(added["municipalities"] as? [String], ["621", "607"])
        let kolding = try AMQPConfiguration(url: try XCTUnwrap(added["url"] as? String))
        try await waitForGrant("621", ["607"])

        try await send(IntakeEvents.sheetSubmitted, sheet("granted", municipality: "607"), as: kolding)
        let granted = try await next(about: "granted")
        XCTAssertEqual(granted.routingKey, IntakeEvents.openingRegistered, "Fredericia was granted to Kolding")
        try await send(IntakeEvents.sheetSubmitted, sheet("not-granted", municipality: "766"), as: kolding)
        let refused = try await next(about: "not-granted")
        XCTAssertEqual(refused.rejected?.errors.map(\.code), [.notYourMunicipality])

        let revoked = try spotjob(["jobcenters", "revoke", "621", "607"])
        XCTAssertEqual(revoked.status, 0, revoked.output)
        try await waitForGrant("621", [])
        try await send(IntakeEvents.sheetSubmitted, sheet("revoked", municipality: "607"), as: kolding)
        let afterRevoke = try await next(about: "revoked")
        XCTAssertEqual(afterRevoke.rejected?.errors.map(\.code), [.notYourMunicipality], "a revoked grant no longer holds")

        // What the tasks and answers of this test left in its queue goes, so the queue goes with the user.
        let admin = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        try await admin.purge(queue: "jobcenter.621")
        await admin.close()
        let removed = try spotjob(["jobcenters", "remove", "621"])
        XCTAssertEqual(removed.status, 0, removed.output)
        XCTAssertTrue(removed.output.contains("removed jobcenter-621 and its queue"), removed.output)
    }

    func testBadKommunekoderAreRefusedWithoutTouchingTheBroker() throws {
        for arguments in [["add", "61"], ["add", "999"], ["add", "615", "--grant", "615"], ["grant", "615"]] {
            let result = try spotjob(["jobcenters"] + arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments): \(result.output)")
        }
    }
}
