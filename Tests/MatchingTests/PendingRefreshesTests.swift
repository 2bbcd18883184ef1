import Foundation
@testable import Matching
import XCTest

/// How a batch's messages gather the openings to rank anew.
final class PendingRefreshesTests: XCTestCase {
    private let (a, b, c) = (UUID(), UUID(), UUID())

    func testEachOpeningOnceInTheOrderFirstAskedCausedByTheLastAsker() {
        var pending = PendingRefreshes()
        pending.add([a, b], cause: 0, always: false)
        pending.add([c, a], cause: 1, always: false)
        pending.add([b], cause: 3, always: false)
        XCTAssertEqual(pending.refreshes.map(\.openingId), [a, b, c])
        XCTAssertEqual(pending.refreshes.map(\.cause), [1, 3, 1])
    }

    func testAnAnnouncementAskedOnceStaysAsked() {
        var pending = PendingRefreshes()
        pending.add([a], cause: 0, always: true)
        pending.add([a, b], cause: 1, always: false)
        XCTAssertEqual(pending.refreshes.map(\.always), [true, false])
        XCTAssertEqual(pending.refreshes.first?.cause, 1)
    }
}
