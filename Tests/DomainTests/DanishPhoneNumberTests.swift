import Domain
import XCTest

final class DanishPhoneNumberTests: XCTestCase {
    func testNormalisesEverySpelling() throws {
        for input in ["75621100", "75 62 11 00", "+4575621100", "+45 75 62 11 00", "0045 7562 1100"] {
            XCTAssertEqual(try DanishPhoneNumber(input).value, "+4575621100", input)
        }
    }

    func testRejectsForeignCountryCode() {
        XCTAssertThrowsError(try DanishPhoneNumber("+46 70 123 45 67")) {
            XCTAssertEqual($0 as? DanishPhoneNumberError, .foreignCountryCode)
        }
    }

    func testRejectsNonDigit() {
        XCTAssertThrowsError(try DanishPhoneNumber("75-62-11-00")) {
            XCTAssertEqual($0 as? DanishPhoneNumberError, .nonDigit("-"))
        }
    }

    func testRejectsWrongLength() {
        XCTAssertThrowsError(try DanishPhoneNumber("7562110")) {
            XCTAssertEqual($0 as? DanishPhoneNumberError, .wrongLength(digits: 7))
        }
        XCTAssertThrowsError(try DanishPhoneNumber("4575621100")) {
            XCTAssertEqual($0 as? DanishPhoneNumberError, .wrongLength(digits: 10))
        }
        XCTAssertThrowsError(try DanishPhoneNumber("")) {
            XCTAssertEqual($0 as? DanishPhoneNumberError, .wrongLength(digits: 0))
        }
    }
}
