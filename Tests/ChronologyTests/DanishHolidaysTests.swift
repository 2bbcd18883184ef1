import Chronology
import XCTest

final class DanishHolidaysTests: XCTestCase {
    private func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    func testEasterSunday() throws {
        let known = [
            "2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05",
            "2038-04-25", "1818-03-22", "1943-04-25", "2285-03-22", "1961-04-02", "2100-03-28",
        ]
        for text in known {
            let easter = try date(text)
            XCTAssertEqual(CivilDate.easterSunday(in: easter.year), easter, text)
        }
    }

    func testEasterIsASundayFrom22MarchTo25AprilInEveryYear() throws {
        let earliest = (3, 22), latest = (4, 25)
        for year in CivilDate.supportedYears {
            let easter = CivilDate.easterSunday(in: year)
            XCTAssertEqual(easter.year, year)
            XCTAssertEqual(easter.weekday, .sunday, "\(easter)")
            XCTAssert(earliest <= (easter.month, easter.day) && (easter.month, easter.day) <= latest, "\(easter)")
        }
    }

    func testHolidaysOf2025() throws {
        let holidays = DanishHolidays.holidays(in: 2025).map { "\($0.date) \($0.holiday.danishName)" }
        XCTAssertEqual(holidays, [
            "2025-01-01 nytårsdag", "2025-04-17 skærtorsdag", "2025-04-18 langfredag", "2025-04-20 påskedag",
            "2025-04-21 2. påskedag", "2025-05-29 Kristi himmelfartsdag", "2025-06-05 grundlovsdag",
            "2025-06-08 pinsedag", "2025-06-09 2. pinsedag", "2025-12-24 juleaftensdag", "2025-12-25 juledag",
            "2025-12-26 2. juledag", "2025-12-31 nytårsaftensdag",
        ])
    }

    func testStoreBededagUntil2023Only() throws {
        XCTAssertEqual(DanishHolidays.holiday(on: try date("2023-05-05")), .greatPrayerDay)
        XCTAssertEqual(DanishHolidays.date(of: .greatPrayerDay, in: 2023), try date("2023-05-05"))
        XCTAssertEqual(DanishHolidays.date(of: .greatPrayerDay, in: 2000), try date("2000-05-19"))
        XCTAssertNil(DanishHolidays.date(of: .greatPrayerDay, in: 2024))
        XCTAssertNil(DanishHolidays.holiday(on: try date("2024-04-26")))
        XCTAssertEqual(DanishHolidays.holidays(in: 2023).count, 14)
        XCTAssertEqual(DanishHolidays.holidays(in: 2024).count, 13)
    }

    func testCoincidingHolidaysNameThePublicHoliday() throws {
        // 2017: Easter on 16 April, so 2. pinsedag on 5 June.
        XCTAssertEqual(DanishHolidays.holidays(on: try date("2017-06-05")), [.whitMonday, .constitutionDay])
        XCTAssertEqual(DanishHolidays.holiday(on: try date("2017-06-05"))?.danishName, "2. pinsedag")
        XCTAssertEqual(DanishHolidays.holidays(in: 2017).count, 14, "both are listed")
    }

    func testPublicHolidaysAndClosingDays() {
        XCTAssertEqual(DanishHoliday.allCases.filter { !$0.isPublicHoliday }, [.constitutionDay, .christmasEve, .newYearsEve])
        XCTAssertEqual(DanishHoliday.allCases.count, 14)
        XCTAssertEqual(Set(DanishHoliday.allCases.map(\.danishName)).count, 14)
    }
}
