import Domain
import Foundation
import XCTest

final class CVRTests: XCTestCase {
    func testAcceptsValidNumbers() throws {
        XCTAssertEqual(try CVR("10150817").value, "10150817")
        XCTAssertEqual(try CVR("25313763").value, "25313763")
    }

    func testDropsSpaces() throws {
        XCTAssertEqual(try CVR("2531 3763").value, "25313763")
        XCTAssertEqual(try CVR(" 25 31 37 63 ").value, "25313763")
    }

    func testRejectsNonDigit() {
        XCTAssertThrowsError(try CVR("2531-3763")) { XCTAssertEqual($0 as? CVRError, .nonDigit("-")) }
        XCTAssertThrowsError(try CVR("DK25313763")) { XCTAssertEqual($0 as? CVRError, .nonDigit("D")) }
    }

    func testRejectsWrongLength() {
        XCTAssertThrowsError(try CVR("2531376")) { XCTAssertEqual($0 as? CVRError, .wrongLength(digits: 7)) }
        XCTAssertThrowsError(try CVR("253137630")) { XCTAssertEqual($0 as? CVRError, .wrongLength(digits: 9)) }
        XCTAssertThrowsError(try CVR("")) { XCTAssertEqual($0 as? CVRError, .wrongLength(digits: 0)) }
    }

    func testRejectsLeadingZero() {
        // 01234560 passes the modulus-11 check, but no CVR number starts with 0.
        XCTAssertThrowsError(try CVR("01234560")) { XCTAssertEqual($0 as? CVRError, .leadingZero) }
    }

    func testRejectsWrongCheckDigit() {
        XCTAssertThrowsError(try CVR("25313764")) { error in
            XCTAssertEqual(error as? CVRError, .checksum)
            XCTAssertEqual("\(error)", "CVR check digit is wrong (modulus 11)")
        }
    }

    func testCodesAsString() throws {
        let encoded = try JSONEncoder().encode([CVR("2531 3763")])
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["25313763"]"#)
        XCTAssertEqual(try JSONDecoder().decode([CVR].self, from: encoded), [try CVR("25313763")])
        XCTAssertThrowsError(try JSONDecoder().decode([CVR].self, from: Data(#"["25313764"]"#.utf8)))
    }
}
