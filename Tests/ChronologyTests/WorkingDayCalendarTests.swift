import Chronology
import Foundation
import XCTest

final class WorkingDayCalendarTests: XCTestCase {
    private let calendar = WorkingDayCalendar()

    private func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    /// Followup's deadline rule: the second working day after submission, at 16:00 Copenhagen time.
    func testFollowupDeadlineAfterEaster2025() throws {
        let submitted = try date("2025-04-17")
        XCTAssertEqual(calendar.holidayName(on: submitted), "skærtorsdag")
        XCTAssertEqual(calendar.addingWorkingDays(1, to: submitted), try date("2025-04-22"))
        let deadline = calendar.addingWorkingDays(2, to: submitted)
        XCTAssertEqual(deadline, try date("2025-04-23"))
        XCTAssertEqual(
            Copenhagen.instant(on: deadline, hour: 16, minute: 0), ISO8601DateFormatter().date(from: "2025-04-23T14:00:00Z"))
    }

    func testWeekdaysWeekendsAndHolidays() throws {
        XCTAssertTrue(calendar.isWorkingDay(try date("2025-04-16")), "Wednesday")
        XCTAssertFalse(calendar.isWorkingDay(try date("2025-04-19")), "Saturday")
        XCTAssertFalse(calendar.isWorkingDay(try date("2025-04-20")), "Sunday")
        for holiday in ["2025-01-01", "2025-04-17", "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09", "2025-12-25", "2025-12-26"] {
            XCTAssertFalse(calendar.isWorkingDay(try date(holiday)), holiday)
        }
        XCTAssertNil(calendar.holidayName(on: try date("2025-04-16")))
        XCTAssertNil(calendar.holidayName(on: try date("2025-04-19")), "a weekend is not a holiday")
    }

    func testOfficesCloseOnGrundlovsdagJuleaftenAndNytaarsaften() throws {
        XCTAssertFalse(calendar.isWorkingDay(try date("2025-06-05")), "Thursday")
        XCTAssertFalse(calendar.isWorkingDay(try date("2025-12-24")), "Wednesday")
        XCTAssertFalse(calendar.isWorkingDay(try date("2025-12-31")), "Wednesday")
        XCTAssertEqual(calendar.holidayName(on: try date("2025-06-05")), "grundlovsdag")
        XCTAssertEqual(calendar.holidayName(on: try date("2025-12-24")), "juleaftensdag")
        XCTAssertEqual(calendar.holidayName(on: try date("2025-12-31")), "nytårsaftensdag")
        XCTAssertTrue(calendar.isWorkingDay(try date("2025-06-06")))
    }

    func testStoreBededag() throws {
        XCTAssertFalse(calendar.isWorkingDay(try date("2023-05-05")))
        XCTAssertEqual(calendar.holidayName(on: try date("2023-05-05")), "store bededag")
        XCTAssertTrue(calendar.isWorkingDay(try date("2024-04-26")))
        XCTAssertEqual(calendar.addingWorkingDays(1, to: try date("2023-05-04")), try date("2023-05-08"))
        XCTAssertEqual(calendar.addingWorkingDays(1, to: try date("2024-04-25")), try date("2024-04-26"))
    }

    func testDeadlineAcrossChristmasAndNewYear() throws {
        // Mon 22 Dec 2025; 24–26 Dec closed, 27–28 weekend, 29–30 open, 31 Dec and 1 Jan closed.
        let submitted = try date("2025-12-22")
        let working = (1...5).map { calendar.addingWorkingDays($0, to: submitted).description }
        XCTAssertEqual(working, ["2025-12-23", "2025-12-29", "2025-12-30", "2026-01-02", "2026-01-05"])
        XCTAssertEqual(calendar.workingDays(from: submitted, to: try date("2026-01-02")), 4)
    }

    func testTheStartDayNeverCounts() throws {
        XCTAssertEqual(calendar.addingWorkingDays(1, to: try date("2025-04-14")), try date("2025-04-15"), "Monday to Tuesday")
        XCTAssertEqual(calendar.addingWorkingDays(1, to: try date("2025-04-19")), try date("2025-04-22"), "Saturday")
        XCTAssertEqual(calendar.addingWorkingDays(5, to: try date("2025-04-28")), try date("2025-05-05"))
    }

    func testNextWorkingDay() throws {
        XCTAssertEqual(calendar.nextWorkingDay(onOrAfter: try date("2025-04-16")), try date("2025-04-16"))
        XCTAssertEqual(calendar.nextWorkingDay(onOrAfter: try date("2025-04-17")), try date("2025-04-22"))
        XCTAssertEqual(calendar.nextWorkingDay(onOrAfter: try date("2025-12-24")), try date("2025-12-29"))
        XCTAssertEqual(calendar.nextWorkingDay(onOrAfter: try date("2025-12-31")), try date("2026-01-02"))
    }

    func testWorkingDaysLate() throws {
        let deadline = try date("2025-04-23")
        XCTAssertEqual(calendar.workingDays(from: deadline, to: deadline), 0, "on the deadline day")
        XCTAssertEqual(calendar.workingDays(from: deadline, to: try date("2025-04-24")), 1)
        XCTAssertEqual(calendar.workingDays(from: deadline, to: try date("2025-04-27")), 2, "Thu and Fri; the weekend adds none")
        XCTAssertEqual(calendar.workingDays(from: deadline, to: try date("2025-04-28")), 3)
        XCTAssertEqual(calendar.workingDays(from: try date("2025-04-17"), to: try date("2025-04-21")), 0, "only holidays and a weekend")
        XCTAssertEqual(calendar.workingDays(from: deadline, to: try date("2025-04-16")), -2, "before the deadline: -(22 and 23 April)")
    }

    func testCountingAndAddingAgree() throws {
        var start = try date("2022-12-01")
        while start.year < 2027 {
            for count in 1...12 {
                let end = calendar.addingWorkingDays(count, to: start)
                XCTAssertTrue(calendar.isWorkingDay(end))
                XCTAssertEqual(calendar.workingDays(from: start, to: end), count, "\(start) + \(count)")
                XCTAssertEqual(calendar.workingDays(from: end, to: start), -count)
            }
            start = start.advanced(by: 3)
        }
    }

    func testWorkingDaysIn2025() throws {
        // 261 weekdays, less 11 holidays and closing days on weekdays:
        // 1 Jan, 17, 18 and 21 Apr, 29 May, 5 and 9 June, 24, 25, 26 and 31 Dec.
        let year = try date("2025-01-01")...date("2025-12-31")
        XCTAssertEqual(year.filter { !$0.weekday.isWeekend }.count, 261)
        XCTAssertEqual(year.filter(calendar.isWorkingDay).count, 250)
        XCTAssertEqual(calendar.workingDays(from: try date("2024-12-31"), to: try date("2025-12-31")), 250)
    }
}
