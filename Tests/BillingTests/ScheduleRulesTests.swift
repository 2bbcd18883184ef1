import Billing
import Chronology
import Domain
import Foundation
import JSON
import XCTest

final class ScheduleRulesTests: XCTestCase {
    private func line(_ id: String, _ due: ScheduleLine.Due, kroner: Int64 = 100) -> ScheduleLine {
        ScheduleLine(lineId: id, description: "line \(id)", amount: Money(kroner: kroner), due: due)
    }

    private func instant(_ text: String) -> Date { RFC3339.date(from: text)! }

    func testAFixedDateLineFallsDueAtSixCopenhagenTime() {
        let winter = ScheduleLine.Due.on(CivilDate("2023-02-01")!)
        XCTAssertEqual(ScheduleRules.dueInstant(of: CivilDate("2023-02-01")!), instant("2023-02-01T05:00:00Z"))
        XCTAssertFalse(ScheduleRules.isDue(winter, meetingsHeld: 0, now: instant("2023-02-01T04:59:59Z")))
        XCTAssertTrue(ScheduleRules.isDue(winter, meetingsHeld: 0, now: instant("2023-02-01T05:00:00Z")))
        // Summer time: 06:00 is 04:00 UTC.
        XCTAssertEqual(ScheduleRules.dueInstant(of: CivilDate("2023-09-01")!), instant("2023-09-01T04:00:00Z"))
    }

    func testALineDueAtSigningIsDueAtOnce() {
        XCTAssertTrue(ScheduleRules.isDue(.signed, meetingsHeld: 0, now: instant("2019-04-01T00:00:00Z")))
    }

    func testAMeetingLineIsDueOnceEnoughMeetingsWereHeld() {
        XCTAssertFalse(ScheduleRules.isDue(.afterMeetings(4), meetingsHeld: 3, now: Date()))
        XCTAssertTrue(ScheduleRules.isDue(.afterMeetings(4), meetingsHeld: 4, now: Date()))
        XCTAssertTrue(ScheduleRules.isDue(.afterMeetings(4), meetingsHeld: 5, now: Date()))
    }

    func testDueLinesLeaveOutInvoicedAndFutureLines() {
        let schedule = [
            line("a", .signed), line("b", .on(CivilDate("2023-02-01")!)), line("c", .on(CivilDate("2099-01-01")!)),
            line("d", .afterMeetings(2)),
        ]
        let due = ScheduleRules.dueLines(of: schedule, invoiced: ["a"], meetingsHeld: 2, now: instant("2026-12-04T12:00:00Z"))
        XCTAssertEqual(due.map(\.lineId), ["b", "d"])
    }

    func testARevisionMayChangeOnlyLinesNotInvoiced() {
        let current = [line("a", .signed), line("b", .afterMeetings(4)), line("c", .on(CivilDate("2024-02-01")!))]
        // Uninvoiced lines may change or go; an invoiced one left as it was is fine.
        XCTAssertEqual(ScheduleRules.invoicedLinesChanged(
            from: current, to: [line("a", .signed), line("b", .afterMeetings(5), kroner: 200)], invoiced: ["a"]), [])
        // An invoiced line changed (amount, due, description) or removed is refused.
        XCTAssertEqual(ScheduleRules.invoicedLinesChanged(from: current, to: [line("a", .signed, kroner: 150)], invoiced: ["a"]), ["a"])
        XCTAssertEqual(ScheduleRules.invoicedLinesChanged(from: current, to: [line("a", .afterMeetings(1))], invoiced: ["a"]), ["a"])
        XCTAssertEqual(ScheduleRules.invoicedLinesChanged(from: current, to: [line("b", .afterMeetings(4))], invoiced: ["a", "c"]), ["a", "c"])
    }

    func testDueIsDescribedForPeople() {
        XCTAssertEqual(ScheduleLine.Due.on(CivilDate("2023-02-01")!).description, "on 2023-02-01")
        XCTAssertEqual(ScheduleLine.Due.signed.description, "at signing")
        XCTAssertEqual(ScheduleLine.Due.afterMeetings(4).description, "after 4 meetings")
    }

    func testADocumentsMessageIdIsDerivedFromItsSeriesAndNumber() {
        let id = DocumentMessageID.of(series: "main", number: 1)
        XCTAssertEqual(id, DocumentMessageID.of(series: "main", number: 1))
        XCTAssertNotEqual(id, DocumentMessageID.of(series: "main", number: 2))
        XCTAssertNotEqual(id, DocumentMessageID.of(series: "other", number: 1))
        XCTAssertEqual(id.uuidString.lowercased().dropFirst(14).first, "8", "version 8 (custom, name-based)")
    }
}

final class BillingTimerTests: XCTestCase {
    func testTheFirstOfNextMonth() {
        XCTAssertEqual(ScheduleRules.firstOfNextMonth(after: CivilDate("2026-12-04")!), CivilDate("2027-01-01")!)
        XCTAssertEqual(ScheduleRules.firstOfNextMonth(after: CivilDate("2024-02-29")!), CivilDate("2024-03-01")!)
    }

    func testAFixedDateLineTimerIsDueAtSixOnItsDate() throws {
        let timer = try BillingTimer.lineDue(contractId: "c/1", lineId: "rate-2", on: CivilDate("2027-02-01")!)
        XCTAssertEqual(timer.kind, BillingTimer.lineDue)
        XCTAssertEqual(timer.key, "3:c/1/rate-2")
        XCTAssertEqual(timer.dueAt, RFC3339.date(from: "2027-02-01T05:00:00Z"))
    }

    func testAMonthOfTripsIsInvoicedOnTheFirstOfTheNextMonthAtSix() throws {
        let timer = try BillingTimer.mileageMonth(contractId: "hedensted", tripDate: CivilDate("2026-06-17")!)
        XCTAssertEqual(timer.key, "9:hedensted/2026-06")
        XCTAssertEqual(timer.dueAt, RFC3339.date(from: "2026-07-01T04:00:00Z"))
    }
}
