import Foundation
import Messaging
import XCTest

/// A timer's payload is read as it was written: dates included (RFC 3339).
final class TimerPayloadTests: XCTestCase {
    struct Payload: Codable, Equatable {
        var openingId: UUID
        var dueAt: Date
    }

    func testAPayloadWithADateIsReadAsScheduled() throws {
        let payload = Payload(openingId: UUID(), dueAt: Date(timeIntervalSince1970: 1_765_000_000.25))
        let scheduled = try ScheduledTimer(kind: "test.payload", key: "k", dueAt: Date(), encoding: payload)
        let due = DueTimer(id: 1, kind: scheduled.kind, key: scheduled.key, dueAt: scheduled.dueAt, payload: scheduled.payload)
        XCTAssertEqual(try due.decodePayload(Payload.self), payload)
    }
}
