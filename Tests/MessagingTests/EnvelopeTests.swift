import AMQPClient
import Foundation
@testable import Messaging
import XCTest

/// What makes a delivery a valid envelope, and what refuses it (each a hostile sender's try).
final class EnvelopeTests: XCTestCase {
    static let receivedAt = Date(timeIntervalSince1970: 1_765_000_000)
    static let messageID = UUID(uuidString: "0192f5a4-7b3c-7d2e-9a10-5c4b3a291807")!

    private func delivery(routingKey: String = "sheet.submitted", _ change: (inout AMQPMessageProperties) -> Void = { _ in }) -> Delivery {
        var properties = AMQPMessageProperties(
            messageID: Self.messageID.uuidString.lowercased(), type: routingKey, contentType: "application/json",
            correlationID: "c-1", appID: "jobcenter-615", timestamp: 1_764_999_000, headers: ["schema-version": .int(2)])
        change(&properties)
        return Delivery(
            deliveryTag: 1, generation: 1, exchange: "spotjob", routingKey: routingKey, redelivered: false, body: [],
            properties: properties)
    }

    private func refusal(_ delivery: Delivery) -> EnvelopeError? {
        do {
            _ = try Envelope(delivery: delivery, receivedAt: Self.receivedAt)
            return nil
        } catch {
            return error
        }
    }

    func testAWellFormedDeliveryIsReadWithItsProperties() throws {
        let envelope = try Envelope(delivery: delivery(), receivedAt: Self.receivedAt)
        XCTAssertEqual(envelope.messageID, Self.messageID)
        XCTAssertEqual(envelope.type, "sheet.submitted")
        XCTAssertEqual(envelope.correlationID, "c-1")
        XCTAssertEqual(envelope.producer, "jobcenter-615")
        XCTAssertEqual(envelope.timestamp, Date(timeIntervalSince1970: 1_764_999_000))
        XCTAssertEqual(envelope.schemaVersion, 2)
    }

    func testTheRoutingKeyIsTheTypeAndATypePropertyThatDiffersIsRefused() throws {
        let untyped = try Envelope(delivery: delivery { $0.type = nil }, receivedAt: Self.receivedAt)
        XCTAssertEqual(untyped.type, "sheet.submitted")
        XCTAssertEqual(refusal(delivery(routingKey: "company.contacted") { $0.type = "opening.withdrawn" }),
                       .malformed("type", "differs from the routing key, which decides the message's type"))
        XCTAssertEqual(refusal(delivery { $0.type = "" })?.property, "type")
    }

    func testATimestampOutsideItsRangeIsRefusedWithoutTrapping() throws {
        for seconds: UInt64 in [.max, 1 << 63, 946_684_799, 0, 1_765_086_401] {
            XCTAssertEqual(refusal(delivery { $0.timestamp = seconds })?.property, "timestamp", "\(seconds)")
        }
        let tomorrow = try Envelope(delivery: delivery { $0.timestamp = 1_765_086_400 }, receivedAt: Self.receivedAt)
        XCTAssertEqual(tomorrow.timestamp, Date(timeIntervalSince1970: 1_765_086_400))
        let untimed = try Envelope(delivery: delivery { $0.timestamp = nil }, receivedAt: Self.receivedAt)
        XCTAssertEqual(untimed.timestamp, Self.receivedAt, "a message without a timestamp is taken as sent when it arrived")
    }

    func testAControlCharacterInAStoredPropertyIsRefused() {
        XCTAssertEqual(refusal(delivery { $0.correlationID = "c\u{0}1" }), .malformed("correlation_id", "holds a control character"))
        XCTAssertEqual(refusal(delivery { $0.appID = "app\u{1B}[31m" })?.property, "app_id")
        XCTAssertEqual(refusal(delivery { $0.headers[Envelope.causationHeader] = .string("x\u{7F}") })?.property, Envelope.causationHeader)
        XCTAssertEqual(refusal(delivery { $0.type = "sheet.submit\u{0}ted" })?.property, "type")
    }

    func testHeadersTooDeepAndAnOutOfRangeSchemaVersionAreRefused() {
        XCTAssertEqual(refusal(delivery { $0.headersTooDeep = true })?.property, "headers")
        XCTAssertEqual(refusal(delivery { $0.headers["schema-version"] = .int(Int64(Int32.max) + 1) })?.property, "schema-version")
        XCTAssertEqual(refusal(delivery { $0.headers["schema-version"] = .uint64(.max) })?.property, "schema-version")
        XCTAssertEqual(refusal(delivery { $0.messageID = "not-a-uuid" }), .malformed("message_id", "not a UUID"))
    }

    func testNoRefusalQuotesTheValueSent() {
        let secret = "Jens Hansen 0101901234"
        let refusals = [
            refusal(delivery { $0.correlationID = secret + "\u{0}" }), refusal(delivery { $0.messageID = secret }),
            refusal(delivery { $0.type = secret }), refusal(delivery { $0.contentType = secret }),
        ]
        for case let error? in refusals {
            XCTAssertFalse(error.description.contains("Jens") || error.description.contains("0101901234"), error.description)
        }
        XCTAssertEqual(refusals.compactMap { $0 }.count, 4)
    }
}

extension EnvelopeError {
    /// The property the error names.
    fileprivate var property: String {
        switch self {
        case .missing(let property), .malformed(let property, _): property
        }
    }
}
