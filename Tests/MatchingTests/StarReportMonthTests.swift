import Chronology
import Matching
import XCTest

/// The month of `spotjob report star --month`.
final class StarReportMonthTests: XCTestCase {
    func testAMonthIsItsFirstDayWithinTheBusinessYears() {
        XCTAssertEqual(StarReport.month("2026-11"), CivilDate(year: 2026, month: 11, day: 1))
        XCTAssertNil(StarReport.month("2026-13"))
        XCTAssertNil(StarReport.month("2026-1"))
        // The report counts up to the next month's first day: 9999-12 has none (it trapped).
        XCTAssertNil(StarReport.month("9999-12"))
        XCTAssertNil(StarReport.month("1999-12"))
    }
}
