import BodyReading
import Contracts
import Foundation
@testable import Followup
import XCTest

/// Followup reads every inbound body strictly, whoever sent it, and names every problem.
final class FollowupMessageReadingTests: XCTestCase {
    private func read(_ type: String, _ json: String) -> FollowupMessage {
        FollowupMessage.read(type: type, body: Array(json.utf8), readAt: Date())
    }

    private func errors(_ message: FollowupMessage) -> [String] {
        guard case .invalid(let rejection) = message else { return [] }
        return rejection.errors.map { "\($0.field) \($0.code)" }
    }

    func testReadsAContact() {
        let message = read(FollowupEvents.companyContacted, """
            {"openingId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11", "contactedAt": "2025-04-22T10:00:00+02:00",
             "by": "Mette", "outcome": "visit-booked", "note": "Besøg 28/4"}
            """)
        guard case .contacted(let contact) = message else { return XCTFail("\(message)") }
        XCTAssertEqual(contact.outcome, .visitBooked)
        XCTAssertEqual(contact.by, "Mette")
        XCTAssertEqual(contact.note, "Besøg 28/4")
    }

    func testReportsEveryProblemOfAContact() {
        XCTAssertEqual(errors(read(FollowupEvents.companyContacted, """
            {"openingId": "not-a-uuid", "contactedAt": "yesterday", "by": "", "outcome": "maybe", "note": 3}
            """)), [
            "openingId invalid-uuid", "contactedAt invalid-timestamp", "by too-short", "outcome unknown-value", "note wrong-type",
        ])
        XCTAssertEqual(errors(read(FollowupEvents.companyContacted, "{}")), [
            "openingId required", "contactedAt required", "by required", "outcome required",
        ])
    }

    /// Issue 18: dates out of range are refused before they reach a deadline. A check-in is scheduled
    /// up to 91 days after `startDate`, which from 9999-12-31 is past the years a date holds (a trap);
    /// a sheet from year 0 made timers whose lag overflowed.
    func testDatesOutOfTheirRangeAreRefused() {
        XCTAssertEqual(errors(read(FollowupEvents.placementRecorded, """
            {"placementId": "p", "candidateId": "c", "openingId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11", "cvr": "25313763",
             "municipality": "615", "jobType": "smajob", "hoursPerWeek": 7.5, "startDate": "9999-12-31", "targetGroup": true}
            """)), ["startDate too-late"])
        XCTAssertEqual(errors(read(FollowupEvents.companyContacted, """
            {"openingId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11", "contactedAt": "1700-03-01T10:00:00+01:00", "by": "M", "outcome": "reached"}
            """)), ["contactedAt too-early"])
        XCTAssertEqual(errors(read(FollowupEvents.placementEnded, #"{"placementId": "p", "endDate": "0000-01-01", "reason": "r"}"#)),
                       ["endDate too-early"])
    }

    /// A hand-over without `submittedAt` (an older intake) counts from `registeredAt`.
    func testAHandoverWithoutSubmittedAtCountsFromRegisteredAt() {
        let message = read(IntakeEvents.openingHandedOver, """
            {"openingId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11", "sheetId": "s-1", "revision": 1, "municipality": "615",
             "company": {"cvr": "25313763", "name": "Kantinen"}, "contact": {"name": "Mette", "phone": "+4575621100"},
             "category": "kitchen-cleaning", "tasks": ["opvask"], "hoursPerWeek": 7.5, "positions": 1, "jobType": "smajob",
             "visitRequested": false, "registeredAt": "2017-05-15T12:10:02.311Z"}
            """)
        guard case .handover(let handover) = message else { return XCTFail("\(message)") }
        XCTAssertEqual(handover.submittedAt, handover.registeredAt)
        XCTAssertNil(handover.company.employees)
        XCTAssertEqual(handover.contact, .init(name: "Mette", phone: "+4575621100", email: nil))
    }

    /// A lead's hand-over has no job; an opening's without one is refused field by field.
    func testALeadNeedsNoJobAndAnOpeningDoes() {
        let lead = """
            {"openingId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11", "sheetId": "s-1", "revision": 1, "municipality": "615",
             "company": {"cvr": "25313763", "name": "Kantinen"}, "contact": {"name": "Mette", "email": "mette@example.dk"},
             "visitRequested": true, "submittedAt": "2017-05-15T12:05:00Z", "registeredAt": "2017-05-15T12:10:02.311Z"}
            """
        guard case .handover(let handover) = read(IntakeEvents.leadRegistered, lead) else { return XCTFail("a lead is read") }
        XCTAssertNil(handover.category)
        XCTAssertEqual(errors(read(IntakeEvents.openingHandedOver, lead)), [
            "category required", "tasks required", "hoursPerWeek required", "positions required", "jobType required",
        ])
    }

    func testAHostileHandoverIsRefusedFieldByField() {
        XCTAssertEqual(errors(read(IntakeEvents.leadRegistered, """
            {"openingId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11", "sheetId": "s\\u0000", "revision": 0, "municipality": "Atlantis",
             "company": {"cvr": "25313764"}, "contact": {"name": "M"}, "visitRequested": "yes",
             "registeredAt": "2017-02-30T00:00:00Z"}
            """)), [
            "sheetId invalid-character", "revision out-of-range", "municipality unknown-municipality", "company.cvr invalid-cvr",
            "company.name required", "contact required", "visitRequested wrong-type", "registeredAt invalid-timestamp",
        ])
    }

    func testReadsPlacementsAndCheckins() {
        let placement = read(FollowupEvents.placementRecorded, """
            {"placementId": "p-1", "candidateId": "c-1", "openingId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11", "cvr": "25313763",
             "municipality": "615", "jobType": "smajob", "hoursPerWeek": 7.5, "startDate": "2025-03-03", "targetGroup": true}
            """)
        guard case .placement(let notice) = placement else { return XCTFail("\(placement)") }
        XCTAssertEqual(notice.startDate.description, "2025-03-03")
        XCTAssertEqual(errors(read(FollowupEvents.checkinCompleted, """
            {"checkinId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11", "completedAt": "2025-03-10T10:00:00Z", "outcome": "fine"}
            """)), ["outcome unknown-value"])
        XCTAssertEqual(errors(read(FollowupEvents.placementEnded, #"{"placementId": "p-1", "endDate": "2025-02-30", "reason": "x"}"#)),
                       ["endDate invalid-date"])
    }

    func testAnUnknownTypeIsRefused() {
        XCTAssertEqual(errors(read("sheet.submitted", "{}")), ["$ unsupported-type"])
    }
}
