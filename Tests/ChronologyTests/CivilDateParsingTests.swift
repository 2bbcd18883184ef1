import Chronology
import Foundation
import XCTest

final class CivilDateParsingTests: XCTestCase {
    func testParsesYearMonthDay() throws {
        let date = try CivilDate(parsing: "2025-04-23")
        XCTAssertEqual([date.year, date.month, date.day], [2025, 4, 23])
        XCTAssertEqual(try CivilDate(parsing: "0000-01-01"), CivilDate.earliest)
        XCTAssertEqual(try CivilDate(parsing: "2024-02-29").description, "2024-02-29")
    }

    func testParsesUTF8Bytes() throws {
        let bytes: [UInt8] = Array("x2025-12-31y".utf8)
        XCTAssertEqual(try CivilDate(parsingUTF8: bytes[1..<11]).description, "2025-12-31")
        XCTAssertEqual(try CivilDate(parsingUTF8: Data("1999-01-02".utf8)).description, "1999-01-02")
    }

    func testRejectsWrongLength() {
        for (text, bytes) in [("", 0), ("2025-4-23", 9), ("2025-04-23T00:00:00Z", 20), (" 2025-04-23", 11), ("2025-04-2３", 12)] {
            XCTAssertThrowsError(try CivilDate(parsing: text), text) {
                XCTAssertEqual($0 as? CivilDateParseError, .wrongLength(bytes: bytes))
            }
        }
    }

    func testRejectsMalformed() {
        for text in ["2025/04/23", "+025-04-23", "2025-04-2a", "20250-4-23", "2025 04 23", "-025-04-23", "2025-0x-23"] {
            XCTAssertThrowsError(try CivilDate(parsing: text), text) {
                XCTAssertEqual($0 as? CivilDateParseError, .malformed)
            }
        }
    }

    func testRejectsNonexistentDays() {
        XCTAssertThrowsError(try CivilDate(parsing: "2025-02-30")) { error in
            XCTAssertEqual(error as? CivilDateParseError, .nonexistentDate(year: 2025, month: 2, day: 30))
            XCTAssertEqual("\(error)", "there is no day 30 in month 2 of year 2025")
        }
        for text in ["2025-02-29", "2100-02-29", "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31"] {
            XCTAssertThrowsError(try CivilDate(parsing: text), text)
        }
        XCTAssertNil(CivilDate("2025-02-30"))
        XCTAssertEqual(CivilDate("2025-02-28")?.day, 28)
    }

    func testFormatsZeroPadded() throws {
        XCTAssertEqual(CivilDate(year: 42, month: 1, day: 5)?.description, "0042-01-05")
        XCTAssertEqual(CivilDate(year: 0, month: 12, day: 31)?.description, "0000-12-31")
        XCTAssertEqual(CivilDate(year: 2025, month: 10, day: 26).map { "\($0)" }, "2025-10-26")
        var bytes = Array("due ".utf8)
        try CivilDate(parsing: "2025-04-23").appendISO8601(to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "due 2025-04-23")
    }

    func testCodesAsString() throws {
        let dates = try ["2025-04-23", "0999-01-01"].map { try CivilDate(parsing: $0) }
        let encoded = try JSONEncoder().encode(dates)
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["2025-04-23","0999-01-01"]"#)
        XCTAssertEqual(try JSONDecoder().decode([CivilDate].self, from: encoded), dates)
        for json in [#"["2025-02-30"]"#, #"["2025-04-23T00:00:00Z"]"#, "[20250423]"] {
            XCTAssertThrowsError(try JSONDecoder().decode([CivilDate].self, from: Data(json.utf8)), json)
        }
    }
}
