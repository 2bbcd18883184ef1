@testable import AMQPClient
import XCTest

final class ConfirmTrackerTests: XCTestCase {
    func testSequenceNumbersStartAtOneAndIncrease() {
        var tracker = ConfirmTracker()
        XCTAssertEqual(tracker.published(), 1)
        XCTAssertEqual(tracker.published(), 2)
        XCTAssertEqual(tracker.unsettledCount, 2)
    }

    func testSingleAcksSettleOneEach() {
        var tracker = ConfirmTracker()
        for _ in 1...3 { _ = tracker.published() }
        XCTAssertEqual(tracker.receive(.ack(1, multiple: false)), .settled(count: 1, nacked: 0))
        XCTAssertEqual(tracker.receive(.ack(2, multiple: false)), .settled(count: 1, nacked: 0))
        XCTAssertFalse(tracker.isSettled)
        XCTAssertEqual(tracker.receive(.ack(3, multiple: false)), .settled(count: 1, nacked: 0))
        XCTAssertTrue(tracker.isSettled)
    }

    func testMultipleAckSettlesEverythingUpToTheTag() {
        var tracker = ConfirmTracker()
        for _ in 1...10 { _ = tracker.published() }
        XCTAssertEqual(tracker.receive(.ack(7, multiple: true)), .settled(count: 7, nacked: 0))
        XCTAssertEqual(tracker.unsettledCount, 3)
        XCTAssertEqual(tracker.receive(.ack(10, multiple: true)), .settled(count: 3, nacked: 0))
        XCTAssertTrue(tracker.isSettled)
    }

    func testOutOfOrderSingleAck() {
        var tracker = ConfirmTracker()
        for _ in 1...3 { _ = tracker.published() }
        XCTAssertEqual(tracker.receive(.ack(2, multiple: false)), .settled(count: 1, nacked: 0))
        XCTAssertEqual(tracker.receive(.ack(3, multiple: true)), .settled(count: 2, nacked: 0))
        XCTAssertTrue(tracker.isSettled)
    }

    func testNackCountsRefusedMessages() {
        var tracker = ConfirmTracker()
        for _ in 1...4 { _ = tracker.published() }
        XCTAssertEqual(tracker.receive(.nack(2, multiple: true)), .settled(count: 2, nacked: 2))
        XCTAssertEqual(tracker.receive(.ack(4, multiple: true)), .settled(count: 2, nacked: 0))
        XCTAssertTrue(tracker.isSettled)
    }

    func testConfirmOfAnUnknownSequenceIsAProtocolError() {
        var tracker = ConfirmTracker()
        _ = tracker.published()
        XCTAssertEqual(tracker.receive(.ack(5, multiple: false)), .unknownSequence(5))
        XCTAssertEqual(tracker.receive(.ack(1, multiple: false)), .settled(count: 1, nacked: 0))
        XCTAssertEqual(tracker.receive(.ack(1, multiple: false)), .unknownSequence(1), "a second ack of the same tag")
    }

    func testManyBatchesKeepMemoryBounded() {
        var tracker = ConfirmTracker()
        for batch in 0..<100 {
            for _ in 0..<50 { _ = tracker.published() }
            XCTAssertEqual(tracker.receive(.ack(UInt64((batch + 1) * 50), multiple: true)), .settled(count: 50, nacked: 0))
        }
        XCTAssertEqual(tracker.nextSequence, 5001)
        XCTAssertTrue(tracker.isSettled)
    }
}
