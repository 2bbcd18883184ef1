import AMQPClient
import Contracts
import Foundation
import JSON
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// A jobcenter system connects as its own user, over TLS, and reads what concerns its municipality
/// in its own queue `jobcenter.<kommunekode>`: the follow-up duty of a sheet it sent reaches it, and
/// no other jobcenter.
final class JobcenterDeliveryTests: XCTestCase {
    private var stack: LocalStack!
    private var intake: ServiceProcess!
    private var followup: ServiceProcess!
    private let logger = Logger(label: "jobcenter-delivery-test")
    private var prefix = ""

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        prefix = "jd-\(UUID().uuidString.prefix(8).lowercased())"
        let inspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        _ = try? await inspector.purge(queue: FollowupEvents.service)
        await inspector.close()
        intake = try ServiceProcess(service: IntakeEvents.service, stack: stack)
        followup = try ServiceProcess(service: FollowupEvents.service, stack: stack)
        try await intake.waitUntilStarted()
        try await followup.waitUntilStarted()
    }

    override func tearDown() async throws {
        await intake?.stop()
        await followup?.stop()
    }

    func testASheetTwoWeeksOldReachesItsJobcentersQueueWithEveryReminderAndNoOtherJobcenter() async throws {
        let horsens = try JobcenterQueue("615")
        XCTAssertEqual(horsens.user.user, "jobcenter-615", "the jobcenter's own user")
        XCTAssertNotNil(horsens.user.tls, "over TLS")
        let sheetId = "\(prefix)-old"
        let submitted = RFC3339.format(Date().addingTimeInterval(-14 * 86_400))
        let sheet = HorsensJobShopSheet.fields(sheetId: sheetId, overriding: ["submittedAt": submitted, "source": prefix])
        try await send(IntakeEvents.sheetSubmitted, sheet, as: horsens.user)

        let openingId = try await openingId(of: sheetId)
        let received = await horsens.read(mentioning: openingId.uuidString.lowercased(), count: 4, timeout: .seconds(30), logger: logger)
        XCTAssertEqual(received.map(\.routingKey), [
            FollowupEvents.taskOpened, FollowupEvents.contactDue, FollowupEvents.escalated, FollowupEvents.escalated,
        ])
        for delivery in received {
            XCTAssertEqual(delivery.properties.headers[Envelope.municipalityHeader]?.stringValue, "615", delivery.routingKey)
        }
        if let opened = received.first {
            let task = try JSONCoding.makeDecoder().decode(TaskOpenedPayload.self, from: Data(opened.body))
            XCTAssertEqual(task.openingId, openingId)
            XCTAssertEqual(task.municipality, "615")
        }
        let levels = try received.dropFirst(2).map { try JSONCoding.makeDecoder().decode(EscalatedPayload.self, from: Data($0.body)).level }
        XCTAssertEqual(levels, [1, 2])

        let hedensted = try await JobcenterQueue("766").read(
            mentioning: openingId.uuidString.lowercased(), count: 1, timeout: .seconds(2), logger: logger)
        XCTAssertEqual(hedensted.count, 0, "Hedensted receives nothing of Horsens' sheet")
    }

    /// Only the opening's jobcenter reports its contact; another's report is answered in its own queue.
    func testOnlyTheOpeningsJobcenterReportsItsContact() async throws {
        let horsens = try JobcenterQueue("615"), hedensted = try JobcenterQueue("766")
        let sheetId = "\(prefix)-contact"
        let sheet = HorsensJobShopSheet.fields(sheetId: sheetId, overriding: ["source": prefix, "submittedAt": RFC3339.format(Date())])
        try await send(IntakeEvents.sheetSubmitted, sheet, as: horsens.user)
        let openingId = try await openingId(of: sheetId)
        let contact: [String: Any] = [
            "openingId": openingId.uuidString.lowercased(), "contactedAt": RFC3339.format(Date()), "by": "Konsulent", "outcome": "reached",
        ]

        try await send(FollowupEvents.companyContacted, contact, as: hedensted.user)
        let refused = await hedensted.read(mentioning: openingId.uuidString.lowercased(), count: 1, timeout: .seconds(20), logger: logger)
        XCTAssertEqual(refused.map(\.routingKey), [FollowupEvents.rejected])
        let rejection = try refused.first.map { try JSONCoding.makeDecoder().decode(RejectedPayload.self, from: Data($0.body)) }
        XCTAssertEqual(rejection?.errors.map(\.code.rawValue), ["not-your-municipality"])

        try await send(FollowupEvents.companyContacted, contact, as: horsens.user)
        let recorded = await horsens.read(mentioning: openingId.uuidString.lowercased(), count: 2, timeout: .seconds(20), logger: logger)
        XCTAssertEqual(recorded.map(\.routingKey), [FollowupEvents.taskOpened, FollowupEvents.contactRecorded])
    }

    /// Publishes `fields` as `type` with the broker user `user` (its `user_id`).
    private func send(_ type: String, _ fields: [String: Any], as user: AMQPConfiguration) async throws {
        let publisher = AMQPPublisher(configuration: user, logger: logger)
        try await publisher.publish(
            Envelope(type: type, producer: "jobcenter-system", body: HorsensJobShopSheet.json(fields)).outgoing(exchange: SpotJobTopology.exchange))
        await publisher.close()
    }

    func testAJobcenterCannotReadAnotherJobcentersQueue() async throws {
        let horsens = AMQPInspector(configuration: try JobcenterQueue("615").user)
        do {
            _ = try await horsens.purge(queue: "jobcenter.766")
            XCTFail("jobcenter-615 could take what jobcenter.766 holds")
        } catch {
            XCTAssertTrue("\(error)".contains("403") || "\(error)".localizedCaseInsensitiveContains("access"), "\(error)")
        }
        await horsens.close()
    }

    /// The opening intake registered for `sheetId`, read from followup's copy once the task is open.
    private func openingId(of sheetId: String) async throws -> UUID {
        let database = PostgresClient(
            configuration: PostgresConfiguration(url: stack.databaseURL(service: FollowupEvents.service)), logger: logger)
        defer { Task { await database.close() } }
        var found: UUID?
        try await waitUntil("followup has the opening", timeout: .seconds(30)) {
            found = try await database.withConnection {
                try $0.query("SELECT opening_id FROM openings WHERE sheet_id = $1", [sheetId]).first?.decode(UUID.self, at: 0)
            }
            return found != nil
        }
        return try XCTUnwrap(found)
    }
}
