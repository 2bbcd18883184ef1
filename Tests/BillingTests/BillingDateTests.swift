import Billing
import Foundation
import XCTest

final class BillingDateTests: XCTestCase {
    func testParsesAndWritesYYYYMMDD() {
        XCTAssertEqual(BillingDate("2025-02-28")?.description, "2025-02-28")
        XCTAssertEqual(BillingDate("2024-02-29"), BillingDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(BillingDate(year: 5, month: 1, day: 2)?.description, "0005-01-02")
    }

    func testRejectsWhatIsNotADay() {
        for text in ["2025-02-29", "2100-02-29", "2025-13-01", "2025-04-31", "2025-1-01", "25-01-01", "2025/01/01", "2025-01-01T00:00", ""] {
            XCTAssertNil(BillingDate(text), text)
        }
        XCTAssertNotNil(BillingDate("2000-02-29"))
    }

    func testAddsDaysAcrossMonthsYearsAndLeapDays() {
        let date = BillingDate("2024-02-20")!
        XCTAssertEqual(date.adding(days: 30).description, "2024-03-21")
        XCTAssertEqual(BillingDate("2025-12-15")!.adding(days: 30).description, "2026-01-14")
        XCTAssertEqual(BillingDate("2025-03-01")!.adding(days: -1).description, "2025-02-28")
        XCTAssertEqual(date.adding(days: 0), date)
        // Every day of 1999–2031 round-trips through its day number.
        var day = BillingDate("1999-01-01")!
        while day.year < 2032 {
            let next = day.adding(days: 1)
            XCTAssertLessThan(day, next)
            XCTAssertEqual(next.adding(days: -1), day)
            day = next
        }
    }

    func testOrdersByYearMonthDay() {
        XCTAssertLessThan(BillingDate("2024-12-31")!, BillingDate("2025-01-01")!)
        XCTAssertLessThan(BillingDate("2025-01-31")!, BillingDate("2025-02-01")!)
    }

    func testCodesAsString() throws {
        let encoded = try JSONEncoder().encode([BillingDate("2025-02-03")!])
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["2025-02-03"]"#)
        XCTAssertThrowsError(try JSONDecoder().decode([BillingDate].self, from: Data(#"["2025-02-30"]"#.utf8)))
    }
}
