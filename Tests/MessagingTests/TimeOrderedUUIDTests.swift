import Foundation
@testable import Messaging
import XCTest

/// Version 7 ids: RFC 9562 layout, ordered by time, random below the millisecond.
final class TimeOrderedUUIDTests: XCTestCase {
    /// Always returns the same value, to make the layout visible.
    private struct FixedGenerator: RandomNumberGenerator {
        var value: UInt64
        mutating func next() -> UInt64 { value }
    }

    func testTheLayoutIsTimestampVersionSevenVariantAndRandomBits() {
        var zeros = FixedGenerator(value: 0)
        XCTAssertEqual(
            UUID.timeOrdered(milliseconds: 0x0123_4567_89AB, using: &zeros).uuidString,
            "01234567-89AB-7000-8000-000000000000")
        var ones = FixedGenerator(value: .max)
        XCTAssertEqual(
            UUID.timeOrdered(milliseconds: 0x0123_4567_89AB, using: &ones).uuidString,
            "01234567-89AB-7FFF-BFFF-FFFFFFFFFFFF")
    }

    func testTheTimestampIsTheDateInMilliseconds() {
        let date = Date(timeIntervalSince1970: 1_795_449_600.123)  // 2026-11-23 12:00:00.123 UTC
        let id = UUID.timeOrdered(at: date).uuidString.replacingOccurrences(of: "-", with: "")
        XCTAssertEqual(UInt64(id.prefix(12), radix: 16), 1_795_449_600_123)
    }

    func testLaterIdsSortAfterEarlierOnes() {
        let start = Date()
        let ids = (0..<100).map { UUID.timeOrdered(at: start + Double($0) / 1000).uuidString }
        XCTAssertEqual(ids, ids.sorted())
    }

    func testIdsOfTheSameMillisecondDiffer() {
        let now = Date()
        XCTAssertEqual(Set((0..<1000).map { _ in UUID.timeOrdered(at: now) }).count, 1000)
    }
}
