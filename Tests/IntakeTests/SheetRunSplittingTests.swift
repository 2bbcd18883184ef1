@testable import Intake
import XCTest

/// A run of valid sheets is saved one statement per stretch of distinct sheet ids.
final class SheetRunSplittingTests: XCTestCase {
    func testDistinctIdsAreOneStretch() {
        XCTAssertEqual(IntakeHandler.distinctStretches(of: ["a", "b", "c"]), [0..<3])
    }

    func testARepeatedIdStartsANewStretch() {
        XCTAssertEqual(IntakeHandler.distinctStretches(of: ["a", "b", "a", "c", "a"]), [0..<2, 2..<4, 4..<5])
        XCTAssertEqual(IntakeHandler.distinctStretches(of: ["a", "a"]), [0..<1, 1..<2])
    }

    func testNoIdsAreNoStretches() {
        XCTAssertEqual(IntakeHandler.distinctStretches(of: []), [])
    }
}
