import AMQPClient
import Contracts
import Foundation
import JSON
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// The four services running as operators run them, attacked through the real broker by senders
/// who may publish what they publish (Horsens' `jobcenter-615`, `contracts`) and craft everything else a plain
/// AMQP client can set. No service dies, every hostile message is dead-lettered at once with its
/// reason, and none has an effect.
final class HostileSenderTests: XCTestCase {
    private var stack: LocalStack!
    private var services: [String: ServiceProcess] = [:]
    private var jobcenter: AMQPPublisher!
    private var contracts: AMQPPublisher!
    private var deadLetters: EventObserver!
    private var events: EventObserver!
    private var admin: PostgresClient!
    private let logger = Logger(label: "hostile-sender-test")

    /// Per service, a routing key it consumes and who may publish it.
    private var targets: [(service: String, key: String, sender: AMQPPublisher)] {
        [
            (IntakeEvents.service, IntakeEvents.sheetSubmitted, jobcenter),
            (MatchingEvents.service, MatchingEvents.candidateProfiled, jobcenter),
            (FollowupEvents.service, FollowupEvents.companyContacted, jobcenter),
            (BillingEvents.service, BillingEvents.contractRegistered, contracts),
        ]
    }

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        admin = PostgresClient(configuration: PostgresConfiguration(url: stack.adminDatabaseURL), logger: logger)
        jobcenter = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.jobcenterAMQPURL("615")), logger: logger)
        contracts = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.contractsAMQPURL), logger: logger)
        deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: LocalStack.services,
            logger: logger)
        await deadLetters.start()
        events = try EventObserver(stack: stack, routingKeys: [IntakeEvents.openingRegistered], logger: logger)
        await events.start()
        let environment: [String: [String: String]] = [
            MatchingEvents.service: ServiceProcess.freshCPRKeys(), BillingEvents.service: ServiceProcess.billingFiles,
        ]
        for service in LocalStack.services {
            services[service] = try ServiceProcess(service: service, stack: stack, environment: environment[service] ?? [:])
        }
        for process in services.values { try await process.waitUntilStarted() }
    }

    override func tearDown() async throws {
        for process in services.values { await process.stop() }
        await deadLetters?.close()
        await events?.close()
        await jobcenter?.close()
        await contracts?.close()
        await admin?.close()
    }

    /// The dead letters of the messages `ids`, by message id, collected until all arrived.
    private func deadLetters(of ids: Set<String>, timeout: Duration = .seconds(30)) async -> [String: Delivery] {
        var found: [String: Delivery] = [:]
        let deadline = ContinuousClock.now + timeout
        while Set(found.keys) != ids, ContinuousClock.now < deadline {
            for delivery in await deadLetters.collect(1, timeout: .milliseconds(200)) {
                if let id = delivery.properties.messageID, ids.contains(id) { found[id] = delivery }
            }
        }
        return found
    }

    private func assertEveryServiceRuns(file: StaticString = #filePath, line: UInt = #line) async {
        for (service, process) in services.sorted(by: { $0.key < $1.key }) {
            XCTAssertTrue(process.isRunning, "\(service) is running", file: file, line: line)
            let ready = await process.get("/health/ready").status
            XCTAssertEqual(ready, 200, "\(service) is ready", file: file, line: line)
        }
    }

    /// Each message of `sent` (message id → the service that must refuse it) was dead-lettered by that
    /// service with a reason starting `reason`, and every service still runs.
    private func assertDeadLettered(_ sent: [String: String], reason: String, file: StaticString = #filePath, line: UInt = #line) async {
        await assertDeadLettered(sent.mapValues { ($0, reason) }, file: file, line: line)
    }

    /// Each message of `sent` (message id → the service that must refuse it, and the start of its
    /// reason) was dead-lettered so, and every service still runs.
    private func assertDeadLettered(
        _ sent: [String: (service: String, reason: String)], file: StaticString = #filePath, line: UInt = #line
    ) async {
        let dead = await deadLetters(of: Set(sent.keys))
        for (id, expected) in sent {
            XCTAssertEqual(dead[id]?.properties.headers[DeadLetter.serviceHeader]?.stringValue, expected.service, file: file, line: line)
            XCTAssertTrue(reason(dead[id]).hasPrefix(expected.reason), "\(expected.service): \(reason(dead[id]))", file: file, line: line)
        }
        await assertEveryServiceRuns(file: file, line: line)
    }

    private func reason(_ delivery: Delivery?) -> String {
        delivery?.properties.headers[DeadLetter.reasonHeader]?.stringValue ?? "(no dead letter)"
    }

    /// Fault 1: a refused message whose AMQP `timestamp` is 2⁶⁴−1 trapped every service while it
    /// was dead-lettered (the seconds, as a `Double`, did not fit a `UInt64` again).
    func testATimestampOfTwoToTheSixtyFourIsRefusedByEveryServiceWhichKeepsRunning() async throws {
        var sent: [String: String] = [:]
        for target in targets {
            var message = Envelope(type: target.key, producer: "hostile", body: []).outgoing(exchange: SpotJobTopology.exchange)
            message.properties.timestamp = .max
            try await target.sender.publish([message])
            sent[message.properties.messageID!] = target.service
        }
        await assertDeadLettered(sent, reason: "invalid envelope: timestamp is malformed")
    }

    /// Fault 2: headers nested 20,000 levels deep (a frame holds some 26,000) killed intake and
    /// matching with SIGSEGV: the table decoding recursed without a bound.
    func testHeadersNestedTwentyThousandDeepAreRefusedByEveryServiceWhichKeepsRunning() async throws {
        var sent: [String: String] = [:]
        for target in targets {
            let id = UUID().uuidString.lowercased()
            let url = target.service == BillingEvents.service ? stack.contractsAMQPURL : stack.jobcenterAMQPURL("615")
            let sender = Process()
            sender.executableURL = ServiceProcess.buildDirectory.appendingPathComponent("DeepHeaderSender")
            sender.arguments = [url, stack.caFile, target.key, id, "20000"]
            try sender.run()
            sender.waitUntilExit()
            XCTAssertEqual(sender.terminationStatus, 0, "the broker took the message")
            sent[id] = target.service
        }
        await assertDeadLettered(sent, reason: "invalid envelope: headers is malformed")
    }

    /// Fault 4: services took a message's type from its `type` property, while the broker checks
    /// only the routing key, so a jobcenter withdrew an opening in matching and closed its task in
    /// followup, and forged openings and placements, under keys it may publish.
    func testATypePropertyThatDiffersFromTheRoutingKeyIsRefusedAndHasNoEffect() async throws {
        let sheetID = "hostile-\(UUID().uuidString.prefix(8).lowercased())"
        try await jobcenter.publish([
            Envelope(type: IntakeEvents.sheetSubmitted, producer: "hostile", body: HorsensJobShopSheet.json(
                HorsensJobShopSheet.fields(sheetId: sheetID))).outgoing(exchange: SpotJobTopology.exchange),
        ])
        let registered = try await opening(sheetID: sheetID)
        let openingID = registered.openingId
        try await waitUntil("matching and followup have the opening") {
            let matching = try await self.matchingStatus(openingID)
            let followup = try await self.taskStatus(openingID)
            return matching == "open" && followup == "open"
        }

        let forgedID = UUID()
        var forged = registered
        forged.openingId = forgedID
        forged.sheetId = sheetID + "-forged"
        let withdrawal: [String: Any] = [
            "openingId": openingID.uuidString.lowercased(), "sheetId": sheetID, "reason": "forged",
            "withdrawnAt": "2026-12-01T10:00:00Z",
        ]
        let placementID = sheetID + "-placement"
        let placement: [String: Any] = [
            "placementId": placementID, "candidateId": "forged", "openingId": openingID.uuidString.lowercased(),
            "cvr": "25313763", "municipality": "615", "jobType": "smajob", "hoursPerWeek": 7.5,
            "startDate": "2026-12-01", "targetGroup": true,
        ]
        func json(_ object: [String: Any]) throws -> [UInt8] { Array(try JSONSerialization.data(withJSONObject: object)) }
        let forgeries: [(key: String, type: String, body: [UInt8], refusedBy: String)] = [
            (FollowupEvents.companyContacted, IntakeEvents.openingWithdrawn, try json(withdrawal), FollowupEvents.service),
            (MatchingEvents.placementReported, IntakeEvents.openingWithdrawn, try json(withdrawal), MatchingEvents.service),
            (FollowupEvents.companyContacted, IntakeEvents.openingRegistered, try JSONCoding.encoder.encode(forged), FollowupEvents.service),
            (MatchingEvents.candidateProfiled, IntakeEvents.openingRegistered, try JSONCoding.encoder.encode(forged), MatchingEvents.service),
            (FollowupEvents.checkinCompleted, MatchingEvents.placementRecorded, try json(placement), FollowupEvents.service),
        ]
        var sent: [String: String] = [:]
        for forgery in forgeries {
            var message = Envelope(type: forgery.key, producer: "hostile", body: forgery.body).outgoing(exchange: SpotJobTopology.exchange)
            message.properties.type = forgery.type
            try await jobcenter.publish([message])
            sent[message.properties.messageID!] = forgery.refusedBy
        }
        await assertDeadLettered(
            sent, reason: "invalid envelope: type is malformed: differs from the routing key, which decides the message's type")
        let matchingStatus = try await matchingStatus(openingID)
        let taskStatus = try await taskStatus(openingID)
        XCTAssertEqual(matchingStatus, "open", "matching's opening was not withdrawn")
        XCTAssertEqual(taskStatus, "open", "followup's task was not closed")
        let forgedOpenings = try await count(
            "SELECT (SELECT count(*) FROM matching.openings WHERE opening_id = $1::uuid) + (SELECT count(*) FROM followup.openings WHERE opening_id = $1::uuid)",
            forgedID.uuidString)
        XCTAssertEqual(forgedOpenings, 0, "no opening was forged")
        let forgedPlacements = try await count("SELECT count(*) FROM followup.placements WHERE placement_id = $1", placementID)
        XCTAssertEqual(forgedPlacements, 0, "no placement was forged")
    }

    /// Fault 8: a NUL in the `type` or `correlation_id` property was retried ten times (about 16 s,
    /// its whole batch blocked) before it was dead-lettered; it is an invalid envelope, refused at once.
    func testANulInAPropertyIsRefusedAtOnceNotRetried() async throws {
        var sent: [String: (service: String, reason: String)] = [:]
        for target in targets {
            var typed = Envelope(type: target.key, producer: "hostile", body: []).outgoing(exchange: SpotJobTopology.exchange)
            typed.properties.type = target.key + "\u{0}"
            var correlated = Envelope(type: target.key, producer: "hostile", body: []).outgoing(exchange: SpotJobTopology.exchange)
            correlated.properties.correlationID = "corr\u{0}elation"
            try await target.sender.publish([typed, correlated])
            sent[typed.properties.messageID!] = (target.service, "invalid envelope: type is malformed")
            sent[correlated.properties.messageID!] = (target.service, "invalid envelope: correlation_id is malformed: holds a control character")
        }
        // Refused as an invalid envelope, which is never retried (a retried one reads "gave up after 10 attempts").
        await assertDeadLettered(sent)
    }

    // MARK: Reading the services' state

    /// The body of the `opening.registered` event of the sheet `sheetID`.
    private func opening(sheetID: String) async throws -> OpeningPayload {
        let registered = try await events.events(1, settle: .zero) { $0.body(OpeningPayload.self)?.sheetId == sheetID }
        guard let opening = registered.first?.body(OpeningPayload.self) else { throw OpeningNotRegistered() }
        return opening
    }

    private struct OpeningNotRegistered: Error {}

    private func matchingStatus(_ openingID: UUID) async throws -> String? {
        try await admin.withConnection { connection in
            try connection.query("SELECT status FROM matching.openings WHERE opening_id = $1", [openingID])
                .first?.decode(String.self, column: "status")
        }
    }

    private func taskStatus(_ openingID: UUID) async throws -> String? {
        try await admin.withConnection { connection in
            try connection.query("SELECT status FROM followup.contact_tasks WHERE opening_id = $1", [openingID])
                .first?.decode(String.self, column: "status")
        }
    }

    private func count(_ sql: String, _ parameter: String) async throws -> Int {
        try await admin.withConnection { connection in
            try connection.query(sql, [parameter]).first?.decode(Int.self, at: 0) ?? 0
        }
    }
}
