import AMQPClient
import Chronology
import Contracts
import Foundation
import JSON
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// A jobcenter system connects as its own user, over TLS, and reads what concerns its municipality
/// in its own queue `jobcenter.<kommunekode>`: the follow-up duty of a sheet it sent reaches it, with
/// whom to call, and no other jobcenter; a lead becomes a visit task; a placement's check-ins go to
/// the citizen's jobcenter.
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
            XCTAssertEqual(task.kind, "contact")
            XCTAssertEqual(task.contact, .init(name: "Mette Kjær", phone: "+4575621100", email: "mette@bygholm-kantine.dk"))
            XCTAssertEqual(task.company.name, "Bygholm Kantine ApS")
            XCTAssertEqual(task.company.employees, 24)
            XCTAssertEqual(task.category, .kitchenCleaning)
            XCTAssertEqual(task.tasks?.count, 3)
            XCTAssertEqual(task.hoursPerWeek?.tenths, 75)
            XCTAssertEqual(task.positions, 2)
            XCTAssertEqual(task.jobType, .smajob)
            XCTAssertEqual(task.source, prefix)
            XCTAssertTrue(task.visitRequested)
        }
        let levels = try received.dropFirst(2).map { try JSONCoding.makeDecoder().decode(EscalatedPayload.self, from: Data($0.body)).level }
        XCTAssertEqual(levels, [1, 2])

        let hedensted = try await JobcenterQueue("766").read(
            mentioning: openingId.uuidString.lowercased(), count: 1, timeout: .seconds(2), logger: logger)
        XCTAssertEqual(hedensted.count, 0, "Hedensted receives nothing of Horsens' sheet")
    }

    /// A sheet that only asks for a visit is a lead: intake announces `lead.registered` (never an
    /// opening for matching), and Horsens gets a `visit` task with whom to call; revised into a full
    /// sheet, it becomes an opening and the task says so.
    func testALeadBecomesAVisitTaskInItsJobcentersQueueAndAnOpeningWhenRevised() async throws {
        let horsens = try JobcenterQueue("615")
        let observer = try EventObserver(stack: stack, routingKeys: ["opening.#", "lead.#"], logger: logger)
        await observer.start()
        defer { Task { await observer.close() } }
        let sheetId = "\(prefix)-lead"
        let full = HorsensJobShopSheet.fields(sheetId: sheetId, overriding: ["source": prefix, "submittedAt": RFC3339.format(Date())])
        var lead = full
        for key in ["category", "tasks", "hoursPerWeek", "positions", "jobType"] { lead.removeValue(forKey: key) }
        try await send(IntakeEvents.sheetSubmitted, lead, as: horsens.user)

        let openingId = try await openingId(of: sheetId)
        let opened = await horsens.read(mentioning: openingId.uuidString.lowercased(), count: 1, timeout: .seconds(20), logger: logger)
        XCTAssertEqual(opened.map(\.routingKey), [FollowupEvents.taskOpened])
        let task = try opened.first.map { try JSONCoding.makeDecoder().decode(TaskOpenedPayload.self, from: Data($0.body)) }
        XCTAssertEqual(task?.kind, "visit")
        XCTAssertEqual(task?.contact.phone, "+4575621100")
        XCTAssertEqual(task?.contact.email, "mette@bygholm-kantine.dk")
        XCTAssertNil(task?.category)
        XCTAssertNil(task?.hoursPerWeek)

        var revised = full
        revised["revision"] = 2
        try await send(IntakeEvents.sheetSubmitted, revised, as: horsens.user)
        let updated = await horsens.read(mentioning: openingId.uuidString.lowercased(), count: 1, timeout: .seconds(20), logger: logger)
        XCTAssertEqual(updated.map(\.routingKey), [FollowupEvents.taskUpdated])
        let contactTask = try updated.first.map { try JSONCoding.makeDecoder().decode(TaskOpenedPayload.self, from: Data($0.body)) }
        XCTAssertEqual(contactTask?.kind, "contact")
        XCTAssertEqual(contactTask?.taskId, task?.taskId, "the same task, with the same deadline")
        XCTAssertEqual(contactTask?.dueAt, task?.dueAt)

        let announced = await observer.collect(3, timeout: .seconds(10), settle: .milliseconds(500))
            .filter { String(decoding: $0.body, as: UTF8.self).contains(sheetId) }
        XCTAssertEqual(announced.map(\.routingKey), [
            IntakeEvents.leadRegistered, IntakeEvents.openingRegistered, IntakeEvents.openingHandedOver,
        ], "matching hears of the sheet only once it is an opening")

        let hedensted = try await JobcenterQueue("766").read(
            mentioning: openingId.uuidString.lowercased(), count: 1, timeout: .seconds(2), logger: logger)
        XCTAssertEqual(hedensted.count, 0, "Hedensted receives nothing of Horsens' lead")
    }

    /// A placement's check-ins are the citizen's jobcenter's: Hedensted's citizen placed in a Horsens
    /// opening is followed up by Hedensted, and Horsens may not complete its check-in.
    func testACitizensJobcenterReceivesAndCompletesItsCheckins() async throws {
        let horsens = try JobcenterQueue("615"), hedensted = try JobcenterQueue("766")
        let placementId = "\(prefix)-placement"
        let placement: [String: Any] = [
            "placementId": placementId, "candidateId": "\(prefix)-c", "openingId": UUID().uuidString.lowercased(),
            "cvr": "25313763", "municipality": "615", "jobcenter": "766", "jobType": "smajob", "hoursPerWeek": 7.5,
            "startDate": Copenhagen.date(at: Date())!.advanced(by: 30).description, "targetGroup": true,
        ]
        try await send(FollowupEvents.placementRecorded, placement, as: try AMQPConfiguration(url: stack.adminAMQPURL))

        let scheduled = await hedensted.read(mentioning: placementId, count: 3, timeout: .seconds(20), logger: logger)
        XCTAssertEqual(scheduled.map(\.routingKey), Array(repeating: FollowupEvents.checkinScheduled, count: 3))
        let checkinId = try XCTUnwrap(try scheduled.first.map {
            try JSONCoding.makeDecoder().decode(CheckinPayload.self, from: Data($0.body)).checkinId.uuidString.lowercased()
        })
        let completion: [String: Any] = ["checkinId": checkinId, "completedAt": RFC3339.format(Date()), "outcome": "at-risk"]

        try await send(FollowupEvents.checkinCompleted, completion, as: horsens.user)
        let refused = await horsens.read(mentioning: checkinId, count: 1, timeout: .seconds(20), logger: logger)
        XCTAssertEqual(refused.map(\.routingKey), [FollowupEvents.rejected], "Horsens hears only of its refusal")
        let rejection = try refused.first.map { try JSONCoding.makeDecoder().decode(RejectedPayload.self, from: Data($0.body)) }
        XCTAssertEqual(rejection?.errors.map(\.field), ["checkinId"])
        XCTAssertEqual(rejection?.errors.map(\.code.rawValue), ["not-your-municipality"])

        try await send(FollowupEvents.checkinCompleted, completion, as: hedensted.user)
        let risk = await hedensted.read(mentioning: checkinId, count: 1, timeout: .seconds(20), logger: logger)
        XCTAssertEqual(risk.map(\.routingKey), [FollowupEvents.retentionRisk])
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
