import AMQPClient
import Contracts
import Foundation
import Logging
import Matching
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// What matching refuses holds a CPR number when it is a profile: the kit keeps it and dead-letters it
/// only sealed, lists it without it, and replays it from the sealed copy.
final class MatchingRejectionTests: XCTestCase {
    private var stack: LocalStack!
    private var matching: ServiceProcess!
    private var publisher: AMQPPublisher!
    private var database: PostgresClient!
    private var rejections: EventObserver!
    private var deadLetters: EventObserver!
    private let logger = Logger(label: "matching-rejection-test")
    private var keys: [String: String] = [:]
    private var prefix = ""

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        prefix = "mr-\(UUID().uuidString.prefix(8).lowercased())"
        keys = ServiceProcess.freshCPRKeys()
        database = PostgresClient(configuration: PostgresConfiguration(url: stack.databaseURL(service: "matching")), logger: logger)
        publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.adminAMQPURL), logger: logger)
        rejections = try EventObserver(stack: stack, routingKeys: [MatchingEvents.candidateRejected], logger: logger)
        await rejections.start()
        deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: [MatchingEvents.service], logger: logger)
        await deadLetters.start()
        try await MatchingState.empty(on: stack, logger: logger)
        matching = try ServiceProcess(service: MatchingEvents.service, stack: stack, environment: keys)
        try await matching.waitUntilStarted()
    }

    override func tearDown() async throws {
        await matching?.stop()
        await rejections?.close()
        await deadLetters?.close()
        await publisher?.close()
        await database?.close()
    }

    private func publish(_ type: String, _ fields: [String: Any], messageID: UUID = UUID()) async throws {
        try await publisher.publish([
            Envelope(messageID: messageID, type: type, producer: "jobcenter-test", body: json(fields))
                .outgoing(exchange: SpotJobTopology.exchange),
        ])
    }

    private func json(_ fields: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: fields, options: .sortedKeys))
    }

    private func profile(_ id: String, cpr: String) -> [String: Any] {
        [
            "candidateId": "\(prefix)-\(id)", "jobcenter": "Horsens", "cpr": cpr, "homeMunicipality": "615",
            "categories": ["kitchen-cleaning"], "tasks": ["Opvask"], "hoursPerWeek": ["min": 5, "max": 15],
            "unemployedSince": "2024-01-15", "submittedAt": "2026-12-01T10:00:00+01:00",
        ]
    }

    private func status(of candidate: String) async throws -> String? {
        let id = "\(prefix)-\(candidate)"
        return try await database.withConnection {
            try $0.query("SELECT status FROM candidates WHERE candidate_id = $1", [id]).first?.decode(String.self, at: 0)
        }
    }

    /// `spotjob ARGUMENTS` as an operator runs it (matching's role and CPR keys, the broker
    /// administrator): its exit status and what it printed.
    private func spotjob(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = ServiceProcess.buildDirectory.appendingPathComponent("spotjob")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(keys.merging([
            "MATCHING_DATABASE_URL": stack.databaseURL(service: MatchingEvents.service),
            "SPOTJOB_ADMIN_AMQP_URL": stack.adminAMQPURL,
        ]) { $1 }) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }

    func testARefusedProfileIsSealedListedWithoutItsCPRAndItsReplayIsAccepted() async throws {
        let cpr = "150385-1234"
        try await publish(MatchingEvents.candidateProfiled, profile("first", cpr: cpr))
        try await waitUntil("the first profile is stored", timeout: .seconds(20)) { try await self.status(of: "first") == "active" }
        let twin = profile("twin", cpr: cpr)
        let refusedID = UUID()
        try await publish(MatchingEvents.candidateProfiled, twin, messageID: refusedID)

        let answers = try await rejections.events(1, timeout: .seconds(20), settle: .zero) { $0.rejected?.messageId == refusedID }
        let answer = try XCTUnwrap(answers.first?.rejected)
        XCTAssertEqual(answers.map(\.routingKey), [MatchingEvents.candidateRejected])
        XCTAssertEqual(answer.subject, "\(prefix)-twin")
        XCTAssertEqual(answer.candidateId, "\(prefix)-twin")
        XCTAssertEqual(answer.errors.map(\.code.rawValue), ["duplicate-person"])

        let collected = await deadLetters.collect(1, timeout: .seconds(20))
        let dead = try XCTUnwrap(collected.first)
        let deadBody = String(decoding: dead.body, as: UTF8.self)
        for digits in [cpr, cpr.replacingOccurrences(of: "-", with: "")] {
            XCTAssertFalse(deadBody.contains(digits), "the dead letter holds the CPR number in plain text")
        }
        XCTAssertNotNil(dead.properties.headers[DeadLetter.sealedBodyHeader], "the dead letter says its body is sealed")
        let sealer = try MatchingSettings(environment: keys).rawBodySealer
        XCTAssertEqual(try sealer.open(dead.body), json(twin), "the sealed copy opens to the message as received")

        let listed = try spotjob(["rejected", "list", "--service", "matching", "--json"])
        XCTAssertEqual(listed.status, 0, listed.output)
        XCTAssertTrue(listed.output.contains(refusedID.uuidString.lowercased()), listed.output)
        XCTAssertTrue(listed.output.contains("duplicate-person"), listed.output)
        for digits in [cpr, cpr.replacingOccurrences(of: "-", with: "")] {
            XCTAssertFalse(listed.output.contains(digits), "the listing shows the CPR number")
        }

        // The cause goes: the first candidate is withdrawn and its CPR number erased; the replay is accepted.
        try await publish(MatchingEvents.candidateWithdrawn, ["candidateId": "\(prefix)-first", "reason": "Flyttet"])
        try await waitUntil("the first candidate is withdrawn", timeout: .seconds(20)) { try await self.status(of: "first") == "withdrawn" }
        let replayed = try spotjob(["rejected", "replay", "--service", "matching", refusedID.uuidString.lowercased()])
        XCTAssertEqual(replayed.status, 0, replayed.output)
        try await waitUntil("the replayed profile is stored", timeout: .seconds(20)) { try await self.status(of: "twin") == "active" }
    }

    /// Publishes `fields` as `type` as jobcenter `kommunekode`'s broker user (its `user_id`).
    private func publish(_ type: String, _ fields: [String: Any], asJobcenter kommunekode: String, messageID: UUID = UUID()) async throws {
        let jobcenter = AMQPPublisher(configuration: try JobcenterQueue(kommunekode).user, logger: logger)
        try await jobcenter.publish([
            Envelope(messageID: messageID, type: type, producer: "jobcenter-system", body: json(fields))
                .outgoing(exchange: SpotJobTopology.exchange),
        ])
        await jobcenter.close()
    }

    private func refusal(of messageID: UUID) async throws -> RejectedPayload? {
        try await rejections.events(1, timeout: .seconds(20), settle: .zero) { $0.rejected?.messageId == messageID }.first?.rejected
    }

    /// A jobcenter profiles, withdraws and places only its own citizens.
    func testAJobcenterSpeaksOnlyAboutItsOwnCitizens() async throws {
        var foreign = profile("foreign", cpr: "020799-4567")
        foreign["jobcenter"] = "766"
        let foreignID = UUID()
        try await publish(MatchingEvents.candidateProfiled, foreign, asJobcenter: "615", messageID: foreignID)
        let profiled = try await refusal(of: foreignID)
        XCTAssertEqual(profiled?.errors.map(\.code), [.notYourMunicipality])
        XCTAssertEqual(profiled?.errors.map(\.field), ["jobcenter"])

        try await publish(MatchingEvents.candidateProfiled, profile("own", cpr: "150385-1234"), asJobcenter: "615")
        try await waitUntil("Horsens' citizen is stored", timeout: .seconds(20)) { try await self.status(of: "own") == "active" }

        var takeover = profile("own", cpr: "150385-1234")
        takeover["jobcenter"] = "766"
        takeover["revision"] = 2
        let takeoverID = UUID()
        try await publish(MatchingEvents.candidateProfiled, takeover, asJobcenter: "766", messageID: takeoverID)
        let revised = try await refusal(of: takeoverID)
        XCTAssertEqual(revised?.errors.map(\.code), [.notYourMunicipality])
        XCTAssertEqual(revised?.errors.map(\.field), ["candidateId"])

        let withdrawalID = UUID()
        try await publish(
            MatchingEvents.candidateWithdrawn, ["candidateId": "\(prefix)-own", "reason": "Flyttet"], asJobcenter: "766", messageID: withdrawalID)
        let withdrawal = try await refusal(of: withdrawalID)
        XCTAssertEqual(withdrawal?.errors.map(\.code), [.notYourMunicipality])
        let status = try await status(of: "own")
        XCTAssertEqual(status, "active", "Hedensted could not withdraw Horsens' citizen")
    }
}
