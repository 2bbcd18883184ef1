import Contracts
import Followup
import Foundation
import JSON
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// `FollowupTimerHandler` on followup's tables in a scratch schema: each kind of timer fired as the
/// timer loop hands it over, the events it returns and the timers it schedules; a timer of a closed
/// task or of a check-in no longer pending does nothing.
final class FollowupTimerHandlerTests: XCTestCase {
    private var stack: LocalStack!
    private var schema: ScratchSchema!
    private let logger = Logger(label: "followup-timer-handler-test")
    private let handler = FollowupTimerHandler(calendar: FollowupCalendar())
    /// A contact deadline on a Wednesday, 23 April 2025 16:00 Copenhagen time.
    private let deadline = RFC3339.date(from: "2025-04-23T16:00:00+02:00")!
    /// A check-in's day, 10:00.
    private let checkinDueAt = RFC3339.date(from: "2025-05-05T10:00:00+02:00")!

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        schema = try await ScratchSchema.create(on: stack, migrations: ["common", "followup"], logger: logger)
    }

    override func tearDown() async throws {
        await schema?.client.close()
    }

    // MARK: Rows and firing

    private struct ContactTask { var taskId: UUID, openingId: UUID }
    private struct Checkin { var checkinId: UUID, placementId: String, openingId: UUID }

    private func task(status: String = "open") async throws -> ContactTask {
        let task = ContactTask(taskId: UUID(), openingId: UUID())
        _ = try await schema.client.withConnection { [deadline] connection in
            try connection.execute(
                """
                INSERT INTO openings (opening_id, sheet_id, revision, lead, municipality, company_cvr, job_type, visit_requested,
                                      contact_name, contact_phone, submitted_at, registered_at)
                VALUES ($1, 'sheet-1', 1, false, '615', '25313763', 'smajob', true, 'Mette Kjær', '+4575621100', $2, $2)
                """, [task.openingId, RFC3339.date(from: "2025-04-17T10:30:00+02:00")])
            try connection.execute(
                "INSERT INTO contact_tasks (task_id, opening_id, due_at, opened_at, status) VALUES ($1, $2, $3, $3, $4)",
                [task.taskId, task.openingId, deadline, status])
        }
        return task
    }

    private func checkin(status: String = "scheduled") async throws -> Checkin {
        let opening = try await task()
        let checkin = Checkin(checkinId: UUID(), placementId: "p-\(UUID().uuidString.prefix(8))", openingId: opening.openingId)
        _ = try await schema.client.withConnection { [checkinDueAt] connection in
            try connection.execute(
                """
                INSERT INTO placements (placement_id, opening_id, candidate_id, company_cvr, municipality, jobcenter, job_type,
                                        start_date, target_group, recorded_at)
                VALUES ($1, $2, 'c-1', '25313763', '615', '766', 'smajob', '2025-04-28', true, now())
                """, [checkin.placementId, checkin.openingId])
            try connection.execute(
                """
                INSERT INTO checkins (checkin_id, placement_id, sequence, due_at, escalation_at, status)
                VALUES ($1, $2, 1, $3, $3::timestamptz + interval '2 days', $4)
                """, [checkin.checkinId, checkin.placementId, checkinDueAt, status])
        }
        return checkin
    }

    /// Fires one timer of `kind` for `key` in a transaction, as the timer loop does.
    private func fire(_ kind: String, _ key: UUID) async throws -> [OutboxEvent] {
        let timer = DueTimer(id: 1, kind: kind, key: key.uuidString.lowercased(), dueAt: deadline, payload: PostgresJSON("{}"))
        return try await schema.client.transaction { [handler] in try handler.fire([timer], on: $0) }
    }

    private struct PendingTimer: Equatable { var kind: String, key: String, dueAt: Date }

    private func timers() async throws -> [PendingTimer] {
        try await schema.client.withConnection {
            try $0.query("SELECT kind, key, due_at FROM timers ORDER BY kind, key").map {
                PendingTimer(kind: try $0.decode(String.self, at: 0), key: try $0.decode(String.self, at: 1), dueAt: try $0.decode(Date.self, at: 2))
            }
        }
    }

    private func body<Body: Decodable>(_ type: Body.Type, of event: OutboxEvent?) throws -> Body {
        let event = try XCTUnwrap(event)
        XCTAssertEqual(event.envelope.producer, FollowupEvents.service)
        return try JSONCoding.makeDecoder().decode(Body.self, from: Data(event.envelope.body))
    }

    private func escalationLevel(_ task: ContactTask) async throws -> Int {
        try await schema.count("SELECT escalation_level FROM contact_tasks WHERE task_id = $1", [task.taskId])
    }

    private func checkinState(_ checkin: Checkin) async throws -> (status: String, escalated: Bool)? {
        try await schema.client.withConnection {
            try $0.query("SELECT status, escalated FROM checkins WHERE checkin_id = $1", [checkin.checkinId]).first
                .map { (try $0.decode(String.self, at: 0), try $0.decode(Bool.self, at: 1)) }
        }
    }

    // MARK: Contact tasks

    func testTheContactReminderAnnouncesTheDeadlineAndSchedulesTheFirstEscalationAtIt() async throws {
        let task = try await task()
        let events = try await fire("followup.contact-reminder", task.taskId)

        XCTAssertEqual(events.map(\.envelope.type), [FollowupEvents.contactDue])
        XCTAssertEqual(try body(ContactDuePayload.self, of: events.first),
                       ContactDuePayload(taskId: task.taskId, openingId: task.openingId, dueAt: deadline))
        let scheduled = try await timers()
        XCTAssertEqual(scheduled, [PendingTimer(kind: "followup.contact-escalation-1", key: task.taskId.uuidString.lowercased(), dueAt: deadline)])
        let level = try await escalationLevel(task)
        XCTAssertEqual(level, 0)
    }

    /// Level 1 at the deadline; level 2 is scheduled for 16:00 two working days later (Thursday and
    /// Friday 24 and 25 April 2025).
    func testTheFirstEscalationEscalatesAndSchedulesTheSecondTwoWorkingDaysLater() async throws {
        let task = try await task()
        let events = try await fire("followup.contact-escalation-1", task.taskId)

        XCTAssertEqual(events.map(\.envelope.type), [FollowupEvents.escalated])
        XCTAssertEqual(try body(EscalatedPayload.self, of: events.first),
                       .contact(taskId: task.taskId, openingId: task.openingId, level: 1, dueAt: deadline))
        let scheduled = try await timers()
        XCTAssertEqual(scheduled, [PendingTimer(
            kind: "followup.contact-escalation-2", key: task.taskId.uuidString.lowercased(),
            dueAt: try XCTUnwrap(RFC3339.date(from: "2025-04-25T16:00:00+02:00")))])
        let level = try await escalationLevel(task)
        XCTAssertEqual(level, 1)
    }

    func testTheSecondEscalationIsTheLastLink() async throws {
        let task = try await task()
        let events = try await fire("followup.contact-escalation-2", task.taskId)

        XCTAssertEqual(events.map(\.envelope.type), [FollowupEvents.escalated])
        XCTAssertEqual(try body(EscalatedPayload.self, of: events.first),
                       .contact(taskId: task.taskId, openingId: task.openingId, level: 2, dueAt: deadline))
        let scheduled = try await timers()
        XCTAssertEqual(scheduled, [])
        let level = try await escalationLevel(task)
        XCTAssertEqual(level, 2)
    }

    /// A task closed by a contact (or its opening's withdrawal) before its timer fired: no event, no
    /// next link, no escalation. A timer of a task that does not exist does nothing either.
    func testATimerOfAClosedTaskDoesNothing() async throws {
        let closed = try await task(status: "closed")
        for kind in ["followup.contact-reminder", "followup.contact-escalation-1", "followup.contact-escalation-2"] {
            let events = try await fire(kind, closed.taskId)
            XCTAssertEqual(events.map(\.envelope.type), [], kind)
        }
        let unknown = try await fire("followup.contact-reminder", UUID())
        XCTAssertEqual(unknown.map(\.envelope.type), [])
        let scheduled = try await timers()
        XCTAssertEqual(scheduled, [])
        let level = try await escalationLevel(closed)
        XCTAssertEqual(level, 0)
    }

    /// A closed task's company contact is erased when its erasure timer fires; an open task's is
    /// kept (it is still needed, whatever timer fires).
    func testTheErasureTimerErasesAClosedTasksContactOnly() async throws {
        let open = try await task(), closed = try await task(status: "closed")
        for task in [open, closed] {
            let events = try await fire("followup.erase-contact", task.taskId)
            XCTAssertEqual(events.map(\.envelope.type), [])
        }
        let contacts = try await schema.client.withConnection { [open, closed] connection in
            try connection.query(
                "SELECT opening_id, contact_name, contact_phone FROM openings WHERE opening_id = ANY($1)",
                [PostgresArray([open.openingId, closed.openingId])]
            ).map { (try $0.decode(UUID.self, at: 0), try $0.decode(String?.self, at: 1), try $0.decode(String?.self, at: 2)) }
        }
        XCTAssertEqual(contacts.first { $0.0 == open.openingId }?.1, "Mette Kjær")
        XCTAssertEqual(contacts.first { $0.0 == closed.openingId }?.1, .some(nil))
        XCTAssertEqual(contacts.first { $0.0 == closed.openingId }?.2, .some(nil))
    }

    // MARK: Check-ins

    func testACheckinComesDue() async throws {
        let checkin = try await checkin()
        let events = try await fire("followup.checkin-due", checkin.checkinId)

        XCTAssertEqual(events.map(\.envelope.type), [FollowupEvents.checkinDue])
        XCTAssertEqual(events.map(\.envelope.municipality), ["766"], "to the citizen's jobcenter, not the opening's")
        XCTAssertEqual(try body(CheckinPayload.self, of: events.first), CheckinPayload(
            checkinId: checkin.checkinId, placementId: checkin.placementId, openingId: checkin.openingId, candidateId: "c-1",
            sequence: 1, dueAt: checkinDueAt))
        let state = try await checkinState(checkin)
        XCTAssertEqual(state?.status, "due")
        XCTAssertEqual(state?.escalated, false)
        let scheduled = try await timers()
        XCTAssertEqual(scheduled, [], "its escalation timer was scheduled with the check-in")
    }

    func testACheckinNotDoneEscalates() async throws {
        let checkin = try await checkin(status: "due")
        let events = try await fire("followup.checkin-escalation", checkin.checkinId)

        XCTAssertEqual(events.map(\.envelope.type), [FollowupEvents.escalated])
        XCTAssertEqual(try body(EscalatedPayload.self, of: events.first),
                       .checkin(checkinId: checkin.checkinId, placementId: checkin.placementId, dueAt: checkinDueAt))
        let state = try await checkinState(checkin)
        XCTAssertEqual(state?.status, "due")
        XCTAssertEqual(state?.escalated, true)
        let scheduled = try await timers()
        XCTAssertEqual(scheduled, [])
    }

    /// A completed or cancelled check-in's timers do nothing; an escalation of one already due does
    /// not make it due again.
    func testATimerOfACheckinNoLongerPendingDoesNothing() async throws {
        for status in ["completed", "cancelled"] {
            let checkin = try await checkin(status: status)
            for kind in ["followup.checkin-due", "followup.checkin-escalation"] {
                let events = try await fire(kind, checkin.checkinId)
                XCTAssertEqual(events.map(\.envelope.type), [], "\(status) \(kind)")
            }
            let state = try await checkinState(checkin)
            XCTAssertEqual(state?.status, status)
            XCTAssertEqual(state?.escalated, false)
        }
        let due = try await checkin(status: "due")
        let again = try await fire("followup.checkin-due", due.checkinId)
        XCTAssertEqual(again.map(\.envelope.type), [], "a check-in already due")
        let scheduled = try await timers()
        XCTAssertEqual(scheduled, [])
    }
}
