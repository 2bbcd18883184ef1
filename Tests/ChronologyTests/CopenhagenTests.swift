import Chronology
import Foundation
import XCTest

final class CopenhagenTests: XCTestCase {
    private func utc(_ text: String) throws -> Date {
        try XCTUnwrap(ISO8601DateFormatter().date(from: text), text)
    }

    private func local(_ date: String, _ hour: Int, _ minute: Int, _ second: Int = 0) throws -> CivilDateTime {
        try XCTUnwrap(CivilDateTime(date: try CivilDate(parsing: date), hour: hour, minute: minute, second: second))
    }

    /// Foundation's calendar in Europe/Copenhagen, from the tz database of this machine.
    private func foundationCalendar() throws -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "Europe/Copenhagen"), "tzdata is needed to run this test")
        return calendar
    }

    func testSummerTime2025() throws {
        let summer = Copenhagen.summerTime(in: 2025)
        XCTAssertEqual(Date(timeIntervalSince1970: TimeInterval(summer.lowerBound)), try utc("2025-03-30T01:00:00Z"))
        XCTAssertEqual(Date(timeIntervalSince1970: TimeInterval(summer.upperBound)), try utc("2025-10-26T01:00:00Z"))
    }

    func testSpringForwardOn30March2025() throws {
        XCTAssertEqual(Copenhagen.utcOffset(at: try utc("2025-03-30T00:59:59Z")), 3600)
        XCTAssertEqual(Copenhagen.utcOffset(at: try utc("2025-03-30T01:00:00Z")), 7200)
        XCTAssertEqual(Copenhagen.localDateTime(at: try utc("2025-03-30T00:59:59Z"))?.description, "2025-03-30T01:59:59")
        XCTAssertEqual(Copenhagen.localDateTime(at: try utc("2025-03-30T01:00:00Z"))?.description, "2025-03-30T03:00:00")
        XCTAssertEqual(Copenhagen.instant(ofLocal: try local("2025-03-30", 1, 59, 59)), try utc("2025-03-30T00:59:59Z"))
        XCTAssertEqual(Copenhagen.instant(ofLocal: try local("2025-03-30", 3, 0)), try utc("2025-03-30T01:00:00Z"))
        // 02:00 to 02:59:59 do not exist that night: the instant after the gap.
        for (hour, minute, second) in [(2, 0, 0), (2, 30, 0), (2, 59, 59)] {
            XCTAssertEqual(
                Copenhagen.instant(ofLocal: try local("2025-03-30", hour, minute, second)), try utc("2025-03-30T01:00:00Z"))
        }
        XCTAssertEqual(Copenhagen.instant(on: try CivilDate(parsing: "2025-03-30"), hour: 2, minute: 30), try utc("2025-03-30T01:00:00Z"))
    }

    func testFallBackOn26October2025() throws {
        XCTAssertEqual(Copenhagen.utcOffset(at: try utc("2025-10-26T00:59:59Z")), 7200)
        XCTAssertEqual(Copenhagen.utcOffset(at: try utc("2025-10-26T01:00:00Z")), 3600)
        XCTAssertEqual(Copenhagen.localDateTime(at: try utc("2025-10-26T00:30:00Z"))?.description, "2025-10-26T02:30:00")
        XCTAssertEqual(Copenhagen.localDateTime(at: try utc("2025-10-26T00:59:59Z"))?.description, "2025-10-26T02:59:59")
        XCTAssertEqual(Copenhagen.localDateTime(at: try utc("2025-10-26T01:00:00Z"))?.description, "2025-10-26T02:00:00")
        XCTAssertEqual(Copenhagen.localDateTime(at: try utc("2025-10-26T01:30:00Z"))?.description, "2025-10-26T02:30:00")
        // 02:00 to 02:59:59 happen twice that night: the first time, still summer time.
        XCTAssertEqual(Copenhagen.instant(ofLocal: try local("2025-10-26", 2, 0)), try utc("2025-10-26T00:00:00Z"))
        XCTAssertEqual(Copenhagen.instant(ofLocal: try local("2025-10-26", 2, 30)), try utc("2025-10-26T00:30:00Z"))
        XCTAssertEqual(Copenhagen.instant(ofLocal: try local("2025-10-26", 2, 59, 59)), try utc("2025-10-26T00:59:59Z"))
        XCTAssertEqual(Copenhagen.instant(ofLocal: try local("2025-10-26", 1, 59, 59)), try utc("2025-10-25T23:59:59Z"))
        XCTAssertEqual(Copenhagen.instant(ofLocal: try local("2025-10-26", 3, 0)), try utc("2025-10-26T02:00:00Z"))
    }

    func testDeadlineAtFourInTheAfternoon() throws {
        XCTAssertEqual(Copenhagen.instant(on: try CivilDate(parsing: "2025-04-23"), hour: 16, minute: 0), try utc("2025-04-23T14:00:00Z"))
        XCTAssertEqual(Copenhagen.instant(on: try CivilDate(parsing: "2025-01-15"), hour: 16, minute: 0), try utc("2025-01-15T15:00:00Z"))
    }

    func testLocalDateChangesAtLocalMidnight() throws {
        XCTAssertEqual(Copenhagen.date(at: try utc("2025-04-22T21:59:59Z"))?.description, "2025-04-22")
        XCTAssertEqual(Copenhagen.date(at: try utc("2025-04-22T22:00:00Z"))?.description, "2025-04-23")
        XCTAssertEqual(Copenhagen.date(at: try utc("2025-12-31T22:59:59Z"))?.description, "2025-12-31")
        XCTAssertEqual(Copenhagen.date(at: try utc("2025-12-31T23:00:00Z"))?.description, "2026-01-01")
        XCTAssertEqual(Copenhagen.localDateTime(at: Date(timeIntervalSince1970: -0.5))?.description, "1970-01-01T00:59:59")
    }

    func testEdgesOfTheSupportedYears() throws {
        XCTAssertNil(Copenhagen.localDateTime(at: try utc("9999-12-31T23:30:00Z")), "10000-01-01 in Copenhagen")
        XCTAssertNil(Copenhagen.localDateTime(atSecondsSinceEpoch: .max))
        XCTAssertEqual(Copenhagen.utcOffset(atSecondsSinceEpoch: .max), 3600)
        XCTAssertEqual(Copenhagen.utcOffset(atSecondsSinceEpoch: .min), 3600)
        XCTAssertEqual(Copenhagen.utcOffset(at: Date(timeIntervalSince1970: .nan)), 3600)
        // 0000-01-01T00:00:00Z is -62 167 219 200; half an hour past midnight CET is 23:30 UTC the day before.
        XCTAssertEqual(Copenhagen.secondsSinceEpoch(ofLocal: try local("0000-01-01", 0, 30)), -62_167_219_200 - 1800)
    }

    /// Every hour from 2000 to 2040: the offset and the local date and time agree with Foundation.
    func testEveryHourFrom2000To2040MatchesFoundation() throws {
        let calendar = try foundationCalendar()
        let start = try utc("2000-01-01T00:00:00Z").timeIntervalSince1970
        let end = try utc("2041-01-01T00:00:00Z").timeIntervalSince1970
        for seconds in stride(from: Int(start), to: Int(end), by: 3600) {
            let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
            XCTAssertEqual(Copenhagen.utcOffset(atSecondsSinceEpoch: seconds), calendar.timeZone.secondsFromGMT(for: instant))
            let expected = calendar.dateComponents([.year, .month, .day, .hour], from: instant)
            let time = try XCTUnwrap(Copenhagen.localDateTime(atSecondsSinceEpoch: seconds))
            guard [time.date.year, time.date.month, time.date.day, time.hour] == [expected.year, expected.month, expected.day, expected.hour]
            else { return XCTFail("\(instant): \(time), Foundation \(expected)") }
        }
    }

    /// The summer-time bounds of 2000 to 2040 are the transitions in Foundation's tz database.
    func testTransitionsFrom2000To2040MatchFoundation() throws {
        let zone = try foundationCalendar().timeZone
        var expected: [Int] = []
        var after = try utc("2000-01-01T00:00:00Z")
        while let transition = zone.nextDaylightSavingTimeTransition(after: after), transition < (try utc("2041-01-01T00:00:00Z")) {
            expected.append(Int(transition.timeIntervalSince1970))
            after = transition
        }
        let ours = (2000...2040).flatMap { [Copenhagen.summerTime(in: $0).lowerBound, Copenhagen.summerTime(in: $0).upperBound] }
        XCTAssertEqual(ours, expected)
    }

    /// Around each transition from 2000 to 2040, every quarter hour of local time maps to the first
    /// instant at which Foundation's Copenhagen clock shows that time or later.
    func testLocalTimesAroundTransitionsMatchFoundation() throws {
        let calendar = try foundationCalendar()
        func foundationLocal(_ seconds: Int) -> CivilDateTime? {
            let components = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            return CivilDate(year: components.year!, month: components.month!, day: components.day!).flatMap {
                CivilDateTime(date: $0, hour: components.hour!, minute: components.minute!, second: components.second!)
            }
        }
        for year in 2000...2040 {
            let summer = Copenhagen.summerTime(in: year)
            for transition in [summer.lowerBound, summer.upperBound] {
                let transitionDay = try XCTUnwrap(Copenhagen.localDateTime(atSecondsSinceEpoch: transition)).date
                for day in transitionDay.advanced(by: -1)...transitionDay.advanced(by: 1) {
                    for quarter in 0..<96 {
                        let wall = try XCTUnwrap(CivilDateTime(date: day, secondOfDay: quarter * 900))
                        let instant = Copenhagen.secondsSinceEpoch(ofLocal: wall)
                        let shown = try XCTUnwrap(foundationLocal(instant))
                        let shownJustBefore = try XCTUnwrap(foundationLocal(instant - 1))
                        XCTAssertGreaterThanOrEqual(shown, wall, "\(wall)")
                        XCTAssertLessThan(shownJustBefore, wall, "\(wall)")
                        if shown == wall, foundationLocal(instant - 3600) == wall {
                            XCTFail("\(wall) maps to its second occurrence")
                        }
                        XCTAssertEqual(Copenhagen.localDateTime(atSecondsSinceEpoch: instant), shown)
                    }
                }
            }
        }
    }
}
