import Billing
import XCTest

final class KilometresTests: XCTestCase {
    func testParsesAtMostOneDecimalWithPointOrComma() {
        XCTAssertEqual(Kilometres("12.3")?.tenths, 123)
        XCTAssertEqual(Kilometres("12,3")?.tenths, 123)
        XCTAssertEqual(Kilometres("12")?.tenths, 120)
        XCTAssertEqual(Kilometres("0.0")?.tenths, 0)
        for text in ["12.34", "-1", "1e3", "", ".5", "12.", "12.3.4", "١٢", " 12"] {
            XCTAssertNil(Kilometres(text), text)
        }
    }

    func testWritesOneDecimalOnlyWhenThereIsATenth() {
        XCTAssertEqual(Kilometres(tenths: 123).description, "12.3")
        XCTAssertEqual(Kilometres(kilometres: 20_000).description, "20000")
        XCTAssertEqual(Kilometres(tenths: 5).description, "0.5")
    }
}
