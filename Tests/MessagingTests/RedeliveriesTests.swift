import AMQPClient
@testable import Messaging
import TestSupport
import XCTest

final class RedeliveriesTests: XCTestCase {
    private func delivery(_ tag: UInt64, earlier: Int64? = nil, redelivered: Bool = false) -> Delivery {
        var headers: [String: AMQPHeaderValue] = [:]
        if let earlier { headers[Redeliveries.deliveryCountHeader] = .int(earlier) }
        return Delivery(
            deliveryTag: tag, generation: 1, exchange: "spotjob", routingKey: "k", redelivered: redelivered, body: [],
            properties: AMQPMessageProperties(headers: headers))
    }

    func testAMessageDeliveredBeforeIsASuspect() {
        XCTAssertFalse(Redeliveries.isSuspect(delivery(1)))
        XCTAssertFalse(Redeliveries.isSuspect(delivery(1, earlier: 0, redelivered: true)), "the quorum queue's count decides")
        XCTAssertTrue(Redeliveries.isSuspect(delivery(1, earlier: 1)))
        XCTAssertTrue(Redeliveries.isSuspect(delivery(1, redelivered: true)), "a classic queue says only redelivered")
    }

    func testASuspectIsABatchOfItsOwnAndFreshOnesRunUpToTheNextSuspect() {
        let deliveries = [delivery(1), delivery(2), delivery(3, earlier: 1), delivery(4, earlier: 2), delivery(5)]
        XCTAssertEqual(Redeliveries.nextBatchCount(of: deliveries), 2)
        XCTAssertEqual(Redeliveries.nextBatchCount(of: deliveries.dropFirst(2)), 1)
        XCTAssertEqual(Redeliveries.nextBatchCount(of: deliveries.dropFirst(3)), 1)
        XCTAssertEqual(Redeliveries.nextBatchCount(of: deliveries.dropFirst(4)), 1)
        XCTAssertEqual(Redeliveries.nextBatchCount(of: [Delivery]()), 0)
        XCTAssertEqual(Redeliveries.freshCount(of: deliveries.dropFirst(2)), 0)
    }

    func testASuspectIsPoisonOnceItWasAppliedAloneThePoisonLimitOfTimes() {
        for attempt in 1...Redeliveries.poisonLimit {
            XCTAssertNil(Redeliveries.poisonReason(attempts: attempt), "attempt \(attempt) is applied")
        }
        let reason = Redeliveries.poisonReason(attempts: Redeliveries.poisonLimit + 1)
        XCTAssertTrue(reason?.hasPrefix("poison") == true, reason ?? "nil")
    }
}

/// `docs/messages.md` states the envelope's limits as the code has them.
final class EnvelopeDocumentationTests: XCTestCase {
    func testTheDocumentedLimitsAreTheCodes() throws {
        let document = try String(
            contentsOf: ScratchSchema.repositoryRoot.appendingPathComponent("docs/messages.md"), encoding: .utf8)
        XCTAssertTrue(document.contains("nested at most \(AMQPHeaderValue.maximumDepth) levels deep"))
        XCTAssertTrue(document.contains("three times before and never settled is **poison**"))
        XCTAssertEqual(Redeliveries.poisonLimit, 3)
        XCTAssertTrue(document.contains(Redeliveries.poisonReason(attempts: Redeliveries.poisonLimit + 1)!))
    }
}
