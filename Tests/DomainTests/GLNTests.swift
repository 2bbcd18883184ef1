import Domain
import Foundation
import XCTest

final class GLNTests: XCTestCase {
    func testAcceptsValidNumbers() throws {
        XCTAssertEqual(try GLN("5901234123457").value, "5901234123457")  // GS1's own example
        XCTAssertEqual(try GLN("5798000000001").value, "5798000000001")
        XCTAssertEqual(try GLN(" 5798 0000 0000 1 ").value, "5798000000001")
    }

    func testRejectsNonDigitWrongLengthAndWrongCheckDigit() {
        XCTAssertThrowsError(try GLN("579800000000X")) { XCTAssertEqual($0 as? GLNError, .nonDigit("X")) }
        XCTAssertThrowsError(try GLN("579800000000")) { XCTAssertEqual($0 as? GLNError, .wrongLength(digits: 12)) }
        XCTAssertThrowsError(try GLN("59012341234570")) { XCTAssertEqual($0 as? GLNError, .wrongLength(digits: 14)) }
        XCTAssertThrowsError(try GLN("5901234123458")) { error in
            XCTAssertEqual(error as? GLNError, .checksum)
            XCTAssertEqual("\(error)", "GLN (EAN number) check digit is wrong (GS1 modulus 10)")
        }
    }

    func testCodesAsString() throws {
        let encoded = try JSONEncoder().encode([GLN("5798 0000 0000 1")])
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["5798000000001"]"#)
        XCTAssertThrowsError(try JSONDecoder().decode([GLN].self, from: Data(#"["5798000000002"]"#.utf8)))
    }
}
