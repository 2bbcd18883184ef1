@testable import JSON
import XCTest

final class JSONNumberTests: XCTestCase {
    func testReadsWholeNumbersExactly() {
        let cases: [(String, Int?)] = [
            ("0", 0), ("-0", 0), ("0.0", 0), ("42", 42), ("-42", -42), ("42.000", 42), ("4.2e1", 42), ("4200e-2", 42),
            ("9223372036854775807", .max), ("9223372036854775808", nil), ("1e19", nil), ("1e400", nil), ("4.25e1", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(JSONNumber(text: text).integer(), expected, text)
        }
    }

    func testScalesByPowersOfTen() {
        XCTAssertEqual(JSONNumber(text: "7.5").integer(scaledBy: 1), 75)
        XCTAssertEqual(JSONNumber(text: "7.50").integer(scaledBy: 1), 75)
        XCTAssertEqual(JSONNumber(text: "75e-1").integer(scaledBy: 1), 75)
        XCTAssertEqual(JSONNumber(text: "37").integer(scaledBy: 1), 370)
        XCTAssertNil(JSONNumber(text: "7.55").integer(scaledBy: 1))
        XCTAssertNil(JSONNumber(text: "0.05").integer(scaledBy: 1))
    }

    func testTellsWholeFromFractional() {
        XCTAssertTrue(JSONNumber(text: "1e400").isIntegral)
        XCTAssertTrue(JSONNumber(text: "2.0").isIntegral)
        XCTAssertFalse(JSONNumber(text: "2.5").isIntegral)
        XCTAssertFalse(JSONNumber(text: "1e-400").isIntegral)
    }

    func testConvertsToDouble() {
        XCTAssertEqual(JSONNumber(text: "7.5").doubleValue, 7.5)
        XCTAssertEqual(JSONNumber(text: "1e400").doubleValue, .infinity)
    }
}
