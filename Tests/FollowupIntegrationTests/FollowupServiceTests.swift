import AMQPClient
import Chronology
import Contracts
import Domain
import Followup
import Foundation
import JSON
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// The followup executable on the real stack: intake's and matching's events and jobcenters'
/// reports in, tasks, timers and check-ins in followup's schema, events on the broker.
final class FollowupServiceTests: XCTestCase {
    private var stack: LocalStack!
    private var followup: ServiceProcess!
    private var publisher: AMQPPublisher!
    private var database: PostgresClient!
    private var observer: EventObserver!
    private let logger = Logger(label: "followup-test")
    /// Unique per test: the source of its openings and the prefix of its placement ids.
    private var prefix = ""

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        prefix = "f-\(UUID().uuidString.prefix(8).lowercased())"
        database = PostgresClient(
            configuration: PostgresConfiguration(url: stack.databaseURL(service: "followup"), searchPath: "followup"), logger: logger)
        publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.adminAMQPURL), logger: logger)
        observer = try EventObserver(stack: stack, routingKeys: ["followup.#"], logger: logger)
        await observer.start()
        // Start from an empty queue: every opening.* event other tests published reaches followup's
        // queue whether followup runs or not, and a backlog of thousands would outlast these tests.
        let inspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        _ = try? await inspector.purge(queue: FollowupEvents.service)
        await inspector.close()
        followup = try ServiceProcess(service: FollowupEvents.service, stack: stack)
        try await followup.waitUntilStarted()
    }

    override func tearDown() async throws {
        await followup?.stop()
        await observer?.close()
        await publisher?.close()
        await database?.close()
    }

    // MARK: Publishing as intake, matching and a jobcenter would

    private func opening(submittedAt: String, municipality: String = "615", cvr: String = "25313763", employees: Int? = 40,
                         jobType: JobType = .smajob) throws -> HandoverPayload {
        HandoverPayload(opening: OpeningPayload(
            openingId: UUID(), sheetId: "\(prefix)-\(UUID().uuidString.prefix(6))", revision: 1, source: prefix,
            municipality: municipality, company: .init(cvr: try CVR(cvr), name: "Kantinen", employees: employees),
            category: .kitchenCleaning, tasks: [.known(code: "opvask")], hoursPerWeek: HoursPerWeek(tenths: 75)!, positions: 1,
            jobType: jobType, visitRequested: true, submittedAt: RFC3339.date(from: submittedAt), registeredAt: Date()),
            contact: .init(name: "Mette Kjær", phone: "+4575621100", email: "mette@example.dk"))
    }

    private func publish(_ type: String, _ body: some Encodable, messageID: UUID = UUID(), producer: String = "test") async throws {
        try await publisher.publish(
            Envelope(messageID: messageID, type: type, producer: producer, body: try JSONCoding.encoder.encode(body))
                .outgoing(exchange: SpotJobTopology.exchange))
    }

    private struct Contact: Encodable { var openingId: UUID, contactedAt: String, by: String, outcome: String }
    private struct Placement: Encodable {
        var placementId: String, candidateId: String, openingId: UUID, cvr: String, municipality: String, jobType: String
        var hoursPerWeek: Double, startDate: String, targetGroup: Bool
    }
    private struct PlacementEnded: Encodable { var placementId: String, endDate: String, reason: String }

    /// The events of this test: those naming one of `ids` (an opening, or a refused message) as
    /// their opening or message id.
    private func events(_ count: Int, about ids: Set<UUID>, settle: Duration = .milliseconds(700)) async throws -> [ObservedEvent] {
        try await observer.events(count, settle: settle) { event in
            switch event.payload {
            case let body as TaskOpenedPayload: ids.contains(body.openingId)
            case let body as ContactDuePayload: ids.contains(body.openingId)
            case let body as EscalatedPayload: body.openingId.map(ids.contains) ?? false
            case let body as ContactRecordedPayload: ids.contains(body.openingId)
            case let body as CheckinPayload: ids.contains(body.openingId)
            case let body as RetentionRiskPayload: ids.contains(body.openingId)
            case let body as RejectedPayload: ids.contains(body.messageId)
            default: false
            }
        }
    }

    private func count(_ sql: String, _ binds: [(any PostgresEncodable)?]) async throws -> Int {
        try await database.withConnection { try $0.query(sql, binds).first?.decode(Int.self, at: 0) ?? 0 }
    }

    /// The pattern of a contact task's timer kinds (`FollowupTimer.contactKinds`).
    private static let contactTimerKinds = "followup.contact-%"

    /// The contact timers pending for `taskId` (keyed by the task id as PostgreSQL writes a uuid).
    private func contactTimers(of taskId: UUID) async throws -> Int {
        try await count("SELECT count(*) FROM timers WHERE kind LIKE $1 AND key = $2::uuid::text", [Self.contactTimerKinds, taskId])
    }

    // MARK: Tests

    /// The issue's example: a sheet submitted on skærtorsdag 2025 is due 23 April 16:00+02:00. Being long
    /// past, its reminder and both escalations fire at once, in order.
    func testAnOldSheetOpensATaskAndItsRemindersFireAtOnceInOrder() async throws {
        let opening = try opening(submittedAt: "2025-04-17T10:30:00+02:00")
        try await publish(IntakeEvents.openingHandedOver, opening, producer: "intake")
        let received = try await events(4, about: [opening.openingId])

        XCTAssertEqual(received.map(\.routingKey), [
            FollowupEvents.taskOpened, FollowupEvents.contactDue, FollowupEvents.escalated, FollowupEvents.escalated,
        ])
        guard received.count == 4 else { return }
        let deadline = RFC3339.date(from: "2025-04-23T16:00:00+02:00")
        let opened = try XCTUnwrap(received[0].body(TaskOpenedPayload.self))
        XCTAssertEqual(opened.dueAt, deadline)
        XCTAssertEqual(opened.kind, "contact")
        XCTAssertEqual(opened.municipality, "615")
        XCTAssertEqual(received[1].body(ContactDuePayload.self)?.dueAt, deadline)
        XCTAssertEqual(received[1].body(ContactDuePayload.self)?.taskId, opened.taskId)
        let escalations = received.dropFirst(2).compactMap { $0.body(EscalatedPayload.self) }
        XCTAssertEqual(escalations.map(\.level), [1, 2])
        XCTAssertEqual(escalations.map(\.taskId), [opened.taskId, opened.taskId])
        let tasks = try await count(
            "SELECT count(*) FROM contact_tasks WHERE task_id = $1 AND opening_id = $2 AND escalation_level = 2",
            [opened.taskId, opening.openingId])
        XCTAssertEqual(tasks, 1, "the event's task is the opening's, escalated twice")
        let pending = try await contactTimers(of: opened.taskId)
        XCTAssertEqual(pending, 0, "each timer fired once and is gone")
    }

    /// A contact by the deadline closes the task and cancels its timers: no escalation follows. The
    /// same message delivered twice, and a later contact, change nothing more.
    func testAContactOnTimeClosesTheTaskAndCancelsItsTimers() async throws {
        let opening = try opening(submittedAt: RFC3339.format(Date()))
        try await publish(IntakeEvents.openingHandedOver, opening, producer: "intake")
        let opened = try await events(1, about: [opening.openingId], settle: .zero)
        XCTAssertEqual(opened.map(\.routingKey), [FollowupEvents.taskOpened])
        let taskId = try XCTUnwrap(opened.first?.body(TaskOpenedPayload.self)?.taskId)
        let scheduled = try await contactTimers(of: taskId)
        XCTAssertEqual(scheduled, 1, "the reminder, the first link of the chain")

        let contact = Contact(openingId: opening.openingId, contactedAt: RFC3339.format(Date()), by: "Mette, Jobcenter Horsens", outcome: "visit-booked")
        let messageID = UUID()
        try await publish(FollowupEvents.companyContacted, contact, messageID: messageID)
        try await publish(FollowupEvents.companyContacted, contact, messageID: messageID)
        let recorded = try await events(1, about: [opening.openingId], settle: .seconds(1))

        XCTAssertEqual(recorded.map(\.routingKey), [FollowupEvents.contactRecorded], "one effect for the redelivered message")
        let contactRecorded = recorded.first?.body(ContactRecordedPayload.self)
        XCTAssertEqual(contactRecorded?.onTime, true)
        XCTAssertEqual(contactRecorded?.outcome, .visitBooked)
        XCTAssertEqual(contactRecorded?.taskId, taskId)
        let left = try await contactTimers(of: taskId)
        XCTAssertEqual(left, 0, "the task's timers are cancelled")
        let erasure = try await database.withConnection { [taskId] in
            try $0.query("SELECT due_at FROM timers WHERE kind = 'followup.erase-contact' AND key = $1::uuid::text", [taskId])
                .map { try $0.decode(Date.self, at: 0) }
        }
        XCTAssertEqual(erasure.count, 1, "the contact's erasure is scheduled")
        XCTAssertEqual(erasure.first?.timeIntervalSinceNow ?? 0, 90 * 86_400, accuracy: 120, "90 days after the task closed")
        let status = try await database.withConnection { [opening] in
            try $0.query("SELECT status, contacted_on_time FROM contact_tasks WHERE opening_id = $1", [opening.openingId]).first
                .map { (try $0.decode(String.self, at: 0), try $0.decode(Bool.self, at: 1)) }
        }
        XCTAssertEqual(status?.0, "closed")
        XCTAssertEqual(status?.1, true)
    }

    /// A later revision updates what followup keeps of the opening and is announced for the open task
    /// (`followup.task-updated`, the new contact), but neither moves the deadline nor opens a second
    /// task or schedules more timers, however late it says the sheet was submitted.
    func testAnUpdatedOpeningKeepsItsTaskDeadlineAndTimers() async throws {
        var opening = try opening(submittedAt: RFC3339.format(Date()))
        try await publish(IntakeEvents.openingHandedOver, opening, producer: "intake")
        let registered = try await events(1, about: [opening.openingId], settle: .zero)
        let opened = try XCTUnwrap(registered.first?.body(TaskOpenedPayload.self))

        opening.revision = 2
        opening.company.employees = 41
        opening.contact = .init(name: "Jens Holm", phone: nil, email: "jens@example.dk")
        opening.submittedAt = RFC3339.date(from: "2025-04-17T10:30:00+02:00")
        try await publish(IntakeEvents.openingHandedOver, opening, producer: "intake")
        try await waitUntil("the update is kept") {
            try await self.count(
                "SELECT count(*) FROM openings WHERE opening_id = $1 AND company_employees = 41", [opening.openingId]) == 1
        }
        let later = try await events(1, about: [opening.openingId], settle: .milliseconds(500))
        XCTAssertEqual(later.map(\.routingKey), [FollowupEvents.taskUpdated], "no second task, no reminder of an earlier deadline")
        let updated = try XCTUnwrap(later.first?.body(TaskOpenedPayload.self))
        XCTAssertEqual(updated.taskId, opened.taskId)
        XCTAssertEqual(updated.dueAt, opened.dueAt)
        XCTAssertEqual(updated.contact, opening.contact, "the consultant calls the new contact")

        opening.revision = 1
        opening.contact = .init(name: "Forældet", phone: "+4511111111", email: nil)
        try await publish(IntakeEvents.openingHandedOver, opening, producer: "intake")
        let stale = try await events(1, about: [opening.openingId], settle: .milliseconds(500))
        XCTAssertEqual(stale.map(\.routingKey), [], "an older revision arriving late changes nothing")
        let kept = try await count(
            "SELECT count(*) FROM openings WHERE opening_id = $1 AND contact_email = 'jens@example.dk'", [opening.openingId])
        XCTAssertEqual(kept, 1)
        let tasks = try await database.withConnection { [opening] in
            try $0.query("SELECT task_id, due_at FROM contact_tasks WHERE opening_id = $1", [opening.openingId])
                .map { (try $0.decode(UUID.self, at: 0), try $0.decode(Date.self, at: 1)) }
        }
        XCTAssertEqual(tasks.map(\.0), [opened.taskId])
        XCTAssertEqual(tasks.map(\.1), [opened.dueAt])
        let timers = try await contactTimers(of: opened.taskId)
        XCTAssertEqual(timers, 1, "the task's own reminder, unchanged")
        let orphans = try await count(
            """
            SELECT count(*) FROM timers t
            WHERE t.kind LIKE $1 AND NOT EXISTS (SELECT 1 FROM contact_tasks c WHERE c.task_id::text = t.key)
            """, [Self.contactTimerKinds])
        XCTAssertEqual(orphans, 0, "no timer for a task that was not opened")
    }

    /// A withdrawal that overtakes its hand-over (a redelivery, a requeue) is remembered: the late
    /// hand-over opens no task, schedules nothing and keeps no contact.
    func testAWithdrawalThatOvertakesItsHandoverOpensNoTask() async throws {
        let lead = try opening(submittedAt: RFC3339.format(Date()))
        try await publish(IntakeEvents.leadWithdrawn, OpeningWithdrawnPayload(
            openingId: lead.openingId, sheetId: lead.sheetId, reason: "Besøget er aflyst", withdrawnAt: Date()), producer: "intake")
        try await waitUntil("the withdrawal is kept") {
            try await self.count("SELECT count(*) FROM withdrawals WHERE opening_id = $1", [lead.openingId]) == 1
        }
        try await publish(IntakeEvents.openingHandedOver, lead, producer: "intake")
        let received = try await events(1, about: [lead.openingId], settle: .milliseconds(500))
        XCTAssertEqual(received.map(\.routingKey), [])
        let stored = try await count("SELECT count(*) FROM openings WHERE opening_id = $1", [lead.openingId])
        XCTAssertEqual(stored, 0, "no opening, no contact")
        let tasks = try await count("SELECT count(*) FROM contact_tasks WHERE opening_id = $1", [lead.openingId])
        XCTAssertEqual(tasks, 0)
    }

    /// A contact for an opening followup does not know is refused: `followup.rejected`, the raw
    /// message kept, and dead-lettered.
    func testAContactForAnUnknownOpeningIsRejected() async throws {
        let deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: ["followup"], logger: logger)
        await deadLetters.start()
        let messageID = UUID()
        try await publish(FollowupEvents.companyContacted, Contact(
            openingId: UUID(), contactedAt: "2025-04-22T10:00:00+02:00", by: "x", outcome: "reached"), messageID: messageID)
        let rejected = try await events(1, about: [messageID], settle: .zero)
        let dead = await deadLetters.collect(1, timeout: .seconds(10))
        await deadLetters.close()

        XCTAssertEqual(rejected.map(\.routingKey), [FollowupEvents.rejected])
        XCTAssertEqual(rejected.first?.rejected?.errors.map(\.code.rawValue), ["unknown-opening"])
        XCTAssertEqual(rejected.first?.rejected?.routingKey, FollowupEvents.companyContacted)
        XCTAssertTrue(dead.contains { $0.properties.messageID.flatMap(UUID.init(uuidString:)) == messageID }, "dead-lettered")
        let kept = try await count("SELECT count(*) FROM rejected_messages WHERE message_id = $1", [messageID])
        XCTAssertEqual(kept, 1)
    }

    /// Issue 18, fault 3: an opening whose sheet was submitted in year 0 or in 1700 opened a task whose
    /// timers, firing at once, trapped followup (the lag in nanoseconds overflowed). Such an opening is
    /// refused (`submittedAt too-early`), and followup keeps running: an opening after them opens a task.
    func testAnOpeningFromAnotherCenturyIsRefusedAndFollowupKeepsRunning() async throws {
        let yearZero = try opening(submittedAt: "0000-01-01T00:00:00Z")
        let year1700 = try opening(submittedAt: "1700-03-01T12:00:00+01:00")
        let valid = try opening(submittedAt: "2025-04-17T10:30:00+02:00")
        let ids = [UUID(), UUID()]
        try await publish(IntakeEvents.openingHandedOver, yearZero, messageID: ids[0], producer: "intake")
        try await publish(IntakeEvents.openingHandedOver, year1700, messageID: ids[1], producer: "intake")
        try await publish(IntakeEvents.openingHandedOver, valid, producer: "intake")
        let received = try await events(6, about: Set(ids + [yearZero, year1700, valid].map(\.openingId)))

        let rejected = received.compactMap(\.rejected)
        XCTAssertEqual(rejected.count, 2)
        XCTAssertEqual(Set(rejected.map(\.messageId)), Set(ids))
        for event in rejected {
            XCTAssertEqual(event.errors.map { "\($0.field) \($0.code)" }, ["submittedAt too-early"])
        }
        let opened = received.compactMap { $0.body(TaskOpenedPayload.self)?.openingId }
        XCTAssertEqual(opened, [valid.openingId], "only the valid opening opens a task")
        XCTAssertTrue(received.contains { $0.body(EscalatedPayload.self)?.openingId == valid.openingId })
        XCTAssertTrue(followup.isRunning)
        let tasks = try await count("SELECT count(*) FROM contact_tasks WHERE opening_id = ANY($1)", [PostgresArray([yearZero.openingId, year1700.openingId])])
        XCTAssertEqual(tasks, 0)
    }

    /// A placement schedules three check-ins at 10:00 on working days; its end cancels those not done.
    func testAPlacementSchedulesThreeCheckinsAndItsEndCancelsThem() async throws {
        let opening = try opening(submittedAt: RFC3339.format(Date()))
        try await publish(IntakeEvents.openingHandedOver, opening, producer: "intake")
        let placementId = "\(prefix)-p1"
        let start = Copenhagen.date(at: Date())!.advanced(by: 30)
        try await publish(FollowupEvents.placementRecorded, Placement(
            placementId: placementId, candidateId: "c-1", openingId: opening.openingId, cvr: "25313763", municipality: "615",
            jobType: "smajob", hoursPerWeek: 7.5, startDate: start.description, targetGroup: true), producer: "matching")
        let scheduled = try await events(4, about: [opening.openingId])
        let checkins = scheduled.filter { $0.routingKey == FollowupEvents.checkinScheduled }.compactMap { $0.body(CheckinPayload.self) }
        XCTAssertEqual(checkins.map(\.sequence), [1, 2, 3])
        XCTAssertEqual(checkins.map(\.placementId), [placementId, placementId, placementId])
        let expected = FollowupCalendar().checkins(startDate: start).map(\.dueAt)
        XCTAssertEqual(checkins.map(\.dueAt), expected)
        let timers = try await count(
            "SELECT count(*) FROM timers t JOIN checkins c ON t.key = c.checkin_id::text WHERE c.placement_id = $1", [placementId])
        XCTAssertEqual(timers, 6, "a due and an escalation timer per check-in")
        let due = try await database.withConnection { [placementId] in
            try DueItem.list(municipality: nil, placements: [placementId], now: Date(), calendar: FollowupCalendar(), limit: 10, on: $0)
        }
        XCTAssertEqual(due.map(\.kind), ["checkin", "checkin", "checkin"], "`followup due --placement`: its check-ins, no contact task")
        XCTAssertEqual(due.map(\.sequence), [1, 2, 3])

        try await publish(FollowupEvents.placementEnded, PlacementEnded(placementId: placementId, endDate: start.advanced(by: 10).description, reason: "flyttet"), producer: "matching")
        try await waitUntil("the check-ins are cancelled") {
            try await self.count("SELECT count(*) FROM checkins WHERE placement_id = $1 AND status = 'cancelled'", [placementId]) == 3
        }
        let left = try await count(
            "SELECT count(*) FROM timers t JOIN checkins c ON t.key = c.checkin_id::text WHERE c.placement_id = $1", [placementId])
        XCTAssertEqual(left, 0)
    }

    /// kill -9 while many past-due reminders fire: afterwards each timer's event was published and
    /// no task was escalated twice in effect.
    func testKillNineWhileTimersFireLosesNoneAndDuplicatesNone() async throws {
        let openings = try (0..<400).map { _ in try opening(submittedAt: "2025-04-17T10:30:00+02:00") }
        for chunk in stride(from: 0, to: openings.count, by: 50) {
            try await publisher.publish(try openings[chunk..<min(chunk + 50, openings.count)].map {
                Envelope(type: IntakeEvents.openingHandedOver, producer: "intake", body: try JSONCoding.encoder.encode($0))
                    .outgoing(exchange: SpotJobTopology.exchange)
            })
        }
        // Kill as soon as the first tasks are open, while their timers are due and firing.
        try await waitUntil("the first tasks are open", timeout: .seconds(20)) {
            try await self.count("SELECT count(*) FROM contact_tasks JOIN openings USING (opening_id) WHERE source = $1", [self.prefix]) > 0
        }
        await followup.stop(signal: SIGKILL)
        let dueAtKill = try await count(
            "SELECT count(*) FROM timers WHERE key IN (SELECT task_id::text FROM contact_tasks JOIN openings USING (opening_id) WHERE source = $1)",
            [prefix])
        let tasksAtKill = try await count("SELECT count(*) FROM contact_tasks JOIN openings USING (opening_id) WHERE source = $1", [prefix])
        XCTAssertTrue(dueAtKill > 0 || tasksAtKill < openings.count, "the kill landed while work was left")
        followup = try ServiceProcess(service: FollowupEvents.service, stack: stack)
        try await followup.waitUntilStarted()
        let ids = Set(openings.map(\.openingId))
        let received = try await events(openings.count * 4, about: ids, settle: .seconds(2))
        print("kill -9 landed with \(dueAtKill) timers due and \(tasksAtKill) of \(openings.count) tasks open")

        let effects = try await database.withConnection { [prefix] connection in
            try connection.query(
                """
                SELECT count(*) FILTER (WHERE t.escalation_level = 2), count(*) FROM contact_tasks t
                JOIN openings o USING (opening_id) WHERE o.source = $1
                """, [prefix]).first.map { (try $0.decode(Int.self, at: 0), try $0.decode(Int.self, at: 1)) }
        }
        XCTAssertEqual(effects?.1, openings.count, "one task per opening")
        XCTAssertEqual(effects?.0, openings.count, "every task reached level 2")
        let pending = try await count(
            "SELECT count(*) FROM timers WHERE key IN (SELECT task_id::text FROM contact_tasks JOIN openings USING (opening_id) WHERE source = $1)",
            [prefix])
        XCTAssertEqual(pending, 0, "no timer left behind")
        // Delivery is at least once (a kill between commit and confirm republishes with the same id);
        // every kind of event arrived for every opening.
        XCTAssertEqual(Set(received.compactMap { $0.body(TaskOpenedPayload.self)?.openingId }), ids, FollowupEvents.taskOpened)
        XCTAssertEqual(Set(received.compactMap { $0.body(ContactDuePayload.self)?.openingId }), ids, FollowupEvents.contactDue)
        let escalations = received.compactMap { $0.body(EscalatedPayload.self) }
        var levels: [UUID: Set<Int>] = [:]
        for escalation in escalations {
            if let openingId = escalation.openingId { levels[openingId, default: []].insert(escalation.level) }
        }
        XCTAssertEqual(Set(levels.keys), Set(ids), "every task escalated")
        XCTAssertEqual(levels.filter { $0.value != [1, 2] }.count, 0, "every task escalated to levels 1 and 2")
    }

    /// The funnel over a known set of this test's openings.
    func testTheFunnelCountsAKnownDataSet() async throws {
        // Four openings: two companies of 40 employees (one CVR twice), one of 5, one unknown size.
        let openings = [
            try opening(submittedAt: RFC3339.format(Date()), cvr: "25313763", employees: 40),
            try opening(submittedAt: RFC3339.format(Date()), cvr: "25313763", employees: 40, jobType: .fleksjob),
            try opening(submittedAt: RFC3339.format(Date()), municipality: "766", cvr: "10150817", employees: 5),
            try opening(submittedAt: "2025-04-17T10:30:00+02:00", municipality: "766", cvr: "29403473", employees: nil),
        ]
        for opening in openings { try await publish(IntakeEvents.openingHandedOver, opening, producer: "intake") }
        _ = try await events(4 + 3, about: Set(openings.map(\.openingId)), settle: .milliseconds(300))
        let now = RFC3339.format(Date())
        try await publish(FollowupEvents.companyContacted, Contact(openingId: openings[0].openingId, contactedAt: now, by: "a", outcome: "visit-booked"))
        try await publish(FollowupEvents.companyContacted, Contact(openingId: openings[1].openingId, contactedAt: now, by: "a", outcome: "no-answer"))
        try await publish(FollowupEvents.companyContacted, Contact(openingId: openings[3].openingId, contactedAt: now, by: "a", outcome: "reached"))
        let start = Copenhagen.date(at: Date())!.advanced(by: -100)
        for (index, ended) in [(0, nil), (2, start.advanced(by: 30))] as [(Int, CivilDate?)] {
            let placementId = "\(prefix)-funnel-\(index)"
            try await publish(FollowupEvents.placementRecorded, Placement(
                placementId: placementId, candidateId: "c-\(index)", openingId: openings[index].openingId, cvr: "25313763",
                municipality: "615", jobType: "smajob", hoursPerWeek: 5, startDate: start.description, targetGroup: true))
            if let ended {
                try await publish(FollowupEvents.placementEnded, PlacementEnded(placementId: placementId, endDate: ended.description, reason: "stoppet"))
            }
        }
        try await waitUntil("the contacts and placements are recorded") {
            let contacts = try await self.count(
                "SELECT count(*) FROM contacts c JOIN openings o USING (opening_id) WHERE o.source = $1", [self.prefix])
            let placements = try await self.count(
                "SELECT count(*) FROM placements WHERE placement_id LIKE $1 AND (end_date IS NOT NULL OR placement_id LIKE '%-0')",
                ["\(self.prefix)%"])
            return contacts == 3 && placements == 2
        }
        let today = Copenhagen.date(at: Date())!
        let funnel = try await database.withConnection { [prefix] in try Funnel.compute(Funnel.Filter(source: prefix), today: today, on: $0) }

        XCTAssertEqual(funnel.registered, 4)
        XCTAssertEqual(funnel.contactedOnTime, 1, "the visit booked today, before its deadline")
        XCTAssertEqual(funnel.contactedLate, 1, "the old sheet, reached after its deadline")
        XCTAssertEqual(funnel.notContacted, 2, "no-answer does not count as contacted")
        XCTAssertEqual(funnel.visitsBooked, 1)
        XCTAssertEqual(funnel.placements, 2)
        XCTAssertEqual(funnel.retained13Weeks, 1, "one placement ended at day 30")
        XCTAssertEqual(funnel.companies, 3)
        XCTAssertEqual(funnel.openingsByJobType, ["615": ["smajob": 1, "fleksjob": 1], "766": ["smajob": 2]])
        XCTAssertEqual(funnel.companiesBySize, ["under-10": 1, "10-49": 1, "50-99": 0, "100-999": 0, "1000-or-more": 0, "unknown": 1])

        let page = FunnelPage.html(funnel, title: "Test", generated: "nu")
        XCTAssertTrue(page.contains("<svg"), "charts inline")
        XCTAssertFalse(page.contains("<script"), "no scripts")
        XCTAssertFalse(page.contains("src=\"http"), "no external files")
        for step in funnel.steps { XCTAssertTrue(page.contains(">\(step.count)</td>"), "\(step.key) \(step.count) on the page") }
    }
}
