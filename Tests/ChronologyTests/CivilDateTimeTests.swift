import Chronology
import Foundation
import XCTest

final class CivilDateTimeTests: XCTestCase {
    func testValidatesTimeOfDay() throws {
        let date = try CivilDate(parsing: "2025-04-23")
        let time = try XCTUnwrap(CivilDateTime(date: date, hour: 14, minute: 5, second: 9))
        XCTAssertEqual([time.hour, time.minute, time.second, time.secondOfDay], [14, 5, 9, 50_709])
        XCTAssertEqual(time.description, "2025-04-23T14:05:09")
        XCTAssertNotNil(CivilDateTime(date: date, hour: 23, minute: 59, second: 59))
        XCTAssertNil(CivilDateTime(date: date, hour: 24, minute: 0))
        XCTAssertNil(CivilDateTime(date: date, hour: 12, minute: 60))
        XCTAssertNil(CivilDateTime(date: date, hour: 12, minute: 0, second: 60))
        XCTAssertNil(CivilDateTime(date: date, hour: -1, minute: 0))
        XCTAssertNil(CivilDateTime(date: date, secondOfDay: 86_400))
        XCTAssertNil(CivilDateTime(date: date, secondOfDay: -1))
    }

    func testSecondsSinceEpochRoundDownBefore1970() throws {
        let cases: [(Int, String)] = [
            (0, "1970-01-01T00:00:00"), (-1, "1969-12-31T23:59:59"), (-86_400, "1969-12-31T00:00:00"),
            (-86_401, "1969-12-30T23:59:59"), (86_399, "1970-01-01T23:59:59"), (1_745_416_800, "2025-04-23T14:00:00"),
            (-62_167_219_200, "0000-01-01T00:00:00"), (253_402_300_799, "9999-12-31T23:59:59"),
        ]
        for (seconds, text) in cases {
            let time = try XCTUnwrap(CivilDateTime(secondsSinceEpoch: seconds), text)
            XCTAssertEqual(time.description, text)
            XCTAssertEqual(time.secondsSinceEpoch, seconds, text)
        }
        XCTAssertNil(CivilDateTime(secondsSinceEpoch: -62_167_219_201))
        XCTAssertNil(CivilDateTime(secondsSinceEpoch: 253_402_300_800))
    }

    func testFoundationDateAsUTC() throws {
        XCTAssertEqual(CivilDateTime(utc: Date(timeIntervalSince1970: 1_745_416_800.75))?.description, "2025-04-23T14:00:00")
        XCTAssertEqual(CivilDateTime(utc: Date(timeIntervalSince1970: -0.25))?.description, "1969-12-31T23:59:59")
        XCTAssertEqual(CivilDateTime(utc: Date(timeIntervalSince1970: -86_400.5))?.description, "1969-12-30T23:59:59")
        XCTAssertNil(CivilDateTime(utc: Date(timeIntervalSince1970: .nan)))
        XCTAssertNil(CivilDateTime(utc: Date(timeIntervalSince1970: 1e300)))
        XCTAssertNil(CivilDateTime(utc: Date(timeIntervalSince1970: 253_402_300_800)))
        let time = try XCTUnwrap(CivilDateTime(date: try CivilDate(parsing: "1955-11-05"), hour: 6, minute: 15))
        XCTAssertEqual(CivilDateTime(utc: time.utcInstant), time)
        XCTAssertEqual(time.utcInstant, ISO8601DateFormatter().date(from: "1955-11-05T06:15:00Z"))
    }

    func testMatchesFoundationUTCCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        // Steps of a prime number of seconds from 1700 to 2300 reach every time of day.
        var seconds = -8_520_336_000
        while seconds < 10_413_792_000 {
            let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
            let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
            let time = try XCTUnwrap(CivilDateTime(utc: instant))
            XCTAssertEqual(
                [time.date.year, time.date.month, time.date.day, time.hour, time.minute, time.second],
                [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second]
            )
            seconds += 1_000_003
        }
    }

    func testOrdering() throws {
        let day = try CivilDate(parsing: "2025-04-23")
        let morning = try XCTUnwrap(CivilDateTime(date: day, hour: 8, minute: 0))
        let evening = try XCTUnwrap(CivilDateTime(date: day, hour: 20, minute: 0))
        let nextMorning = try XCTUnwrap(CivilDateTime(date: day.advanced(by: 1), hour: 1, minute: 0))
        XCTAssertEqual([nextMorning, evening, morning].sorted(), [morning, evening, nextMorning])
    }
}
