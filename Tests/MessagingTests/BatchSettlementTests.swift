@testable import Messaging
import XCTest

/// What the consumer does with a batch's deliveries once its commit finished.
final class BatchSettlementTests: XCTestCase {
    func testABatchThatGaveUpAtShutdownIsRequeuedWhole() {
        XCTAssertEqual(BatchSettlement(deliveryCount: 3, invalid: [1: "invalid envelope: x"], outcomes: nil), .requeueAll)
    }

    func testABatchHandledWholeIsAcknowledgedThroughTheLastWithoutDeadLetters() {
        let settlement = BatchSettlement(deliveryCount: 2, invalid: [:], outcomes: [(0, .handled), (1, .handled)])
        guard case .deadLetterThenAcknowledge(let refusals) = settlement else { return XCTFail("\(settlement)") }
        XCTAssertEqual(refusals.reasons, [nil, nil])
        XCTAssertEqual(refusals.rejected, [])
        XCTAssertTrue(refusals.deadLetters.isEmpty)
        XCTAssertEqual(refusals.lastIndex, 1)
    }

    func testInvalidEnvelopesAndRejectionsAreDeadLetteredInDeliveryOrderAndTheRestAcknowledged() {
        // Deliveries 1 and 4 had no valid envelope; of the messages, 3 was rejected and 5 gave up.
        let settlement = BatchSettlement(
            deliveryCount: 6, invalid: [4: "invalid envelope: b", 1: "invalid envelope: a"],
            outcomes: [(5, .rejected(reason: "gave up after 10 attempts: e")), (0, .handled), (3, .rejected(reason: "body is bad")), (2, .handled)])
        guard case .deadLetterThenAcknowledge(let refusals) = settlement else { return XCTFail("\(settlement)") }
        XCTAssertEqual(refusals.reasons, [nil, "invalid envelope: a", nil, "body is bad", "invalid envelope: b", "gave up after 10 attempts: e"])
        XCTAssertEqual(refusals.rejected, [5, 3], "rejections are counted as the outcomes came")
        XCTAssertEqual(refusals.deadLetters.map(\.index), [1, 3, 4, 5])
        XCTAssertEqual(refusals.deadLetters.map(\.reason), ["invalid envelope: a", "body is bad", "invalid envelope: b", "gave up after 10 attempts: e"])
        XCTAssertEqual(refusals.lastIndex, 5, "everything is acknowledged, the refused after their dead letters")
    }

    func testABatchOfInvalidEnvelopesOnlyIsDeadLetteredWhole() {
        let settlement = BatchSettlement(deliveryCount: 2, invalid: [0: "invalid envelope: a", 1: "invalid envelope: b"], outcomes: [])
        guard case .deadLetterThenAcknowledge(let refusals) = settlement else { return XCTFail("\(settlement)") }
        XCTAssertEqual(refusals.deadLetters.map(\.index), [0, 1])
        XCTAssertEqual(refusals.rejected, [], "invalid envelopes are dead-lettered, not counted as rejected")
        XCTAssertEqual(refusals.lastIndex, 1)
    }
}
