import Chronology
import Followup
import Foundation
import JSON
import XCTest

final class FollowupCalendarTests: XCTestCase {
    private let calendar = FollowupCalendar()

    private func instant(_ text: String) -> Date { RFC3339.date(from: text)! }
    private func date(_ text: String) -> CivilDate { CivilDate(text)! }

    /// The example: submitted Thursday 17 April 2025 (skærtorsdag) → working days 22 and 23
    /// April → due 2025-04-23 16:00+02:00.
    func testTheContactDeadlineSkipsEasterAndTheWeekend() {
        let deadlines = calendar.contactDeadlines(submittedAt: instant("2025-04-17T10:30:00+02:00"))
        XCTAssertEqual(deadlines.dueAt, instant("2025-04-23T16:00:00+02:00"))
        XCTAssertEqual(deadlines.reminderAt, instant("2025-04-23T08:00:00+02:00"))
        XCTAssertEqual(deadlines.secondEscalationAt, instant("2025-04-25T16:00:00+02:00"))
    }

    /// The Copenhagen date counts, not the UTC one: 23:30 UTC on a Sunday is Monday in Copenhagen.
    func testTheSubmissionDayIsTheCopenhagenDate() {
        let deadlines = calendar.contactDeadlines(submittedAt: instant("2017-05-14T22:30:00Z"))  // Monday 00:30 CEST
        XCTAssertEqual(deadlines.dueAt, instant("2017-05-17T16:00:00+02:00"))
    }

    func testAWinterDeadlineIsInStandardTime() {
        let deadlines = calendar.contactDeadlines(submittedAt: instant("2024-12-20T09:00:00+01:00"))  // Friday
        // 23 Dec (Mon), then 24–26 Dec closed, 27 Dec (Fri) is the second working day.
        XCTAssertEqual(deadlines.dueAt, instant("2024-12-27T16:00:00+01:00"))
        // 30 Dec (Mon), 31 Dec closed, 1 Jan closed, 2 Jan (Thu) is the second working day after.
        XCTAssertEqual(deadlines.secondEscalationAt, instant("2025-01-02T16:00:00+01:00"))
    }

    /// The second escalation computed from the deadline alone (as the first escalation's timer
    /// schedules it) is the one computed from the submission.
    func testTheSecondEscalationFollowsFromTheDeadlineAlone() {
        for submitted in ["2025-04-17T10:30:00+02:00", "2024-12-20T09:00:00+01:00", "2017-05-14T22:30:00Z", "2025-10-24T15:00:00+02:00"] {
            let deadlines = calendar.contactDeadlines(submittedAt: instant(submitted))
            XCTAssertEqual(calendar.secondEscalation(dueAt: deadlines.dueAt), deadlines.secondEscalationAt, submitted)
        }
    }

    func testTheNumberOfWorkingDaysIsConfigurable() {
        let deadlines = FollowupCalendar(contactWorkingDays: 1).contactDeadlines(submittedAt: instant("2017-05-15T10:00:00+02:00"))
        XCTAssertEqual(deadlines.dueAt, instant("2017-05-16T16:00:00+02:00"))
    }

    func testCheckinsMoveToTheNextWorkingDayAtTen() {
        // Started Monday 3 March 2025: +7 = Mon 10 Mar, +28 = Mon 31 Mar, +91 = Mon 2 Jun.
        let checkins = calendar.checkins(startDate: date("2025-03-03"))
        XCTAssertEqual(checkins.map(\.sequence), [1, 2, 3])
        XCTAssertEqual(checkins.map(\.dueAt), [
            instant("2025-03-10T10:00:00+01:00"), instant("2025-03-31T10:00:00+02:00"), instant("2025-06-02T10:00:00+02:00"),
        ])
        // Started Saturday 29 March 2025: +7 = Sat 5 Apr → Mon 7 Apr; +28 = Sat 26 Apr → Mon 28 Apr;
        // +91 = Sat 28 Jun → Mon 30 Jun.
        XCTAssertEqual(calendar.checkins(startDate: date("2025-03-29")).map(\.dueAt), [
            instant("2025-04-07T10:00:00+02:00"), instant("2025-04-28T10:00:00+02:00"), instant("2025-06-30T10:00:00+02:00"),
        ])
        // Started 27 May 2025: +7 = 3 Jun, +28 = Tue 24 Jun; the escalation of the first is 16:00 two
        // working days after 3 June: 4 June, then 5 June (grundlovsdag) is closed → 6 June.
        let first = calendar.checkins(startDate: date("2025-05-27"))[0]
        XCTAssertEqual(first.dueAt, instant("2025-06-03T10:00:00+02:00"))
        XCTAssertEqual(first.escalationAt, instant("2025-06-06T16:00:00+02:00"))
    }

    func testLatenessInWorkingDays() {
        let due = instant("2025-04-23T16:00:00+02:00")  // Wednesday
        XCTAssertEqual(calendar.workingDaysLate(dueAt: due, at: instant("2025-04-23T15:00:00+02:00")), 0)
        XCTAssertEqual(calendar.workingDaysLate(dueAt: due, at: instant("2025-04-23T17:00:00+02:00")), 1)
        XCTAssertEqual(calendar.workingDaysLate(dueAt: due, at: instant("2025-04-25T09:00:00+02:00")), 2)
        XCTAssertEqual(calendar.workingDaysLate(dueAt: due, at: instant("2025-04-28T09:00:00+02:00")), 3, "the weekend does not count")
    }
}
