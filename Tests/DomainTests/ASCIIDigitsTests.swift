import Domain
import XCTest

final class ASCIIDigitsTests: XCTestCase {
    func testOnlyOneOrMoreASCIIDigitsAre() {
        XCTAssertTrue("0123456789".isASCIIDigits)
        XCTAssertTrue("12"[...].isASCIIDigits)
        for text in ["", " 1", "-1", "1.0", "١٢", "１"] {
            XCTAssertFalse(text.isASCIIDigits, text)
        }
    }
}
