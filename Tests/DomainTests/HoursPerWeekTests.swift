import Domain
import Foundation
import XCTest

final class HoursPerWeekTests: XCTestCase {
    func testAcceptsTenthsFromOneToThreeHundredSeventy() {
        XCTAssertEqual(HoursPerWeek(tenths: 75)?.hours, 7.5)
        XCTAssertNotNil(HoursPerWeek(tenths: 1))
        XCTAssertNotNil(HoursPerWeek(tenths: 370))
        XCTAssertNil(HoursPerWeek(tenths: 0))
        XCTAssertNil(HoursPerWeek(tenths: 371))
    }

    func testCodesAsNumberOfHours() throws {
        let hours = try [75, 100, 73].map { try XCTUnwrap(HoursPerWeek(tenths: $0)) }
        let encoded = try JSONEncoder().encode(hours)
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), "[7.5,10,7.3]")
        XCTAssertEqual(try JSONDecoder().decode([HoursPerWeek].self, from: encoded), hours)
    }

    func testDecodingRejectsWhatTheContractRejects() {
        for json in ["[7.55]", "[0]", "[37.1]", "[-1]"] {
            XCTAssertThrowsError(try JSONDecoder().decode([HoursPerWeek].self, from: Data(json.utf8)), json)
        }
    }

    func testDescription() {
        XCTAssertEqual(HoursPerWeek(tenths: 75)?.description, "7.5")
        XCTAssertEqual(HoursPerWeek(tenths: 100)?.description, "10")
    }
}
