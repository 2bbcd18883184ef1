import Chronology
import Foundation
import XCTest

final class CivilDateTests: XCTestCase {
    func testValidatesComponents() {
        XCTAssertNotNil(CivilDate(year: 2025, month: 4, day: 23))
        XCTAssertNil(CivilDate(year: 2025, month: 2, day: 30))
        XCTAssertNil(CivilDate(year: 2025, month: 2, day: 29))
        XCTAssertNotNil(CivilDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(CivilDate(year: 1900, month: 2, day: 29), "1900 is no leap year")
        XCTAssertNotNil(CivilDate(year: 2000, month: 2, day: 29), "2000 is a leap year")
        XCTAssertNil(CivilDate(year: 2025, month: 4, day: 31))
        XCTAssertNil(CivilDate(year: 2025, month: 0, day: 1))
        XCTAssertNil(CivilDate(year: 2025, month: 13, day: 1))
        XCTAssertNil(CivilDate(year: 2025, month: 1, day: 0))
        XCTAssertNil(CivilDate(year: -1, month: 12, day: 31))
        XCTAssertNil(CivilDate(year: 10_000, month: 1, day: 1))
        XCTAssertNotNil(CivilDate(year: 0, month: 1, day: 1))
        XCTAssertNotNil(CivilDate(year: 9999, month: 12, day: 31))
    }

    func testDaysSinceEpochAtKnownDays() throws {
        let cases: [(String, Int)] = [
            ("1970-01-01", 0), ("1969-12-31", -1), ("1970-01-02", 1), ("2000-03-01", 11_017),
            ("2025-04-23", 20_201), ("1900-01-01", -25_567), ("0000-01-01", -719_528), ("9999-12-31", 2_932_896),
        ]
        for (text, days) in cases {
            let date = try CivilDate(parsing: text)
            XCTAssertEqual(date.daysSinceEpoch, days, text)
            XCTAssertEqual(CivilDate(daysSinceEpoch: days), date, text)
        }
        XCTAssertNil(CivilDate(daysSinceEpoch: -719_529))
        XCTAssertNil(CivilDate(daysSinceEpoch: 2_932_897))
        XCTAssertEqual(CivilDate.earliest.description, "0000-01-01")
        XCTAssertEqual(CivilDate.latest.description, "9999-12-31")
    }

    func testEveryDayFromYear0To9999RoundTripsAndFollowsTheDayBefore() throws {
        var previous = CivilDate.earliest
        for days in (CivilDate.earliest.daysSinceEpoch + 1)...CivilDate.latest.daysSinceEpoch {
            let date = try XCTUnwrap(CivilDate(daysSinceEpoch: days))
            XCTAssertEqual(date.daysSinceEpoch, days)
            let isNextDay =
                (date.year == previous.year && date.month == previous.month && date.day == previous.day + 1)
                || (date.year == previous.year && date.month == previous.month + 1 && date.day == 1
                    && previous.day == CivilDate.numberOfDays(inMonth: previous.month, year: previous.year))
                || (date.year == previous.year + 1 && date.month == 1 && date.day == 1
                    && previous.month == 12 && previous.day == 31)
            guard isNextDay, previous < date else { return XCTFail("\(date) does not follow \(previous)") }
            previous = date
        }
    }

    func testDaysSinceEpochMatchFoundationFrom1600To2400() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        var date = try XCTUnwrap(CivilDate(year: 1600, month: 1, day: 1))
        while date.year <= 2400 {
            let instant = Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400))
            let components = calendar.dateComponents([.year, .month, .day, .weekday], from: instant)
            XCTAssertEqual(components.year, date.year)
            XCTAssertEqual(components.month, date.month)
            XCTAssertEqual(components.day, date.day)
            // Foundation numbers Sunday 1 ... Saturday 7.
            XCTAssertEqual(components.weekday.map { ($0 + 5) % 7 + 1 }, date.weekday.rawValue, "\(date)")
            date = date.advanced(by: 37)
        }
    }

    func testWeekday() throws {
        XCTAssertEqual(try CivilDate(parsing: "1970-01-01").weekday, .thursday)
        XCTAssertEqual(try CivilDate(parsing: "1969-12-28").weekday, .sunday)
        XCTAssertEqual(try CivilDate(parsing: "2025-04-17").weekday, .thursday)
        XCTAssertEqual(try CivilDate(parsing: "2025-04-21").weekday, .monday)
        XCTAssertEqual(try CivilDate(parsing: "2000-01-01").weekday, .saturday)
        XCTAssertEqual(try CivilDate(parsing: "0000-01-01").weekday, .saturday)
        XCTAssertEqual(try CivilDate(parsing: "9999-12-31").weekday, .friday)
        XCTAssertEqual(Weekday.allCases.filter(\.isWeekend), [.saturday, .sunday])
        XCTAssertLessThan(Weekday.monday, .sunday)
    }

    func testAdvancingAndDistance() throws {
        let date = try CivilDate(parsing: "2024-02-28")
        XCTAssertEqual(date.advanced(by: 1).description, "2024-02-29")
        XCTAssertEqual(date.advanced(by: 2).description, "2024-03-01")
        XCTAssertEqual(date.advanced(by: -59).description, "2023-12-31")
        XCTAssertEqual(date.advanced(by: 0), date)
        XCTAssertEqual(date.distance(to: try CivilDate(parsing: "2025-02-28")), 366)
        XCTAssertEqual(try CivilDate(parsing: "2025-02-28").distance(to: date), -366)
        let week = (date...date.advanced(by: 6)).map(\.weekday)
        XCTAssertEqual(week, [.wednesday, .thursday, .friday, .saturday, .sunday, .monday, .tuesday])
    }

    func testOrderingAndHashing() throws {
        let dates = try ["2025-01-01", "2024-12-31", "2025-01-10", "2024-02-29"].map { try CivilDate(parsing: $0) }
        XCTAssertEqual(dates.sorted().map(\.description), ["2024-02-29", "2024-12-31", "2025-01-01", "2025-01-10"])
        XCTAssertEqual(Set(dates + dates).count, 4)
        XCTAssertEqual(CivilDate(year: 2025, month: 4, day: 23), try CivilDate(parsing: "2025-04-23"))
    }
}
