import AMQPClient
import Contracts
import Foundation
import JSON
import TestSupport
import XCTest

/// TestSupport's typed events: a body is its routing key's Contracts type, or the test that saw it fails.
final class ObservedEventTests: XCTestCase {
    private func delivery(_ routingKey: String, _ body: String) -> Delivery {
        Delivery(
            deliveryTag: 1, generation: 1, exchange: "spotjob", routingKey: routingKey, redelivered: false,
            body: Array(body.utf8), properties: AMQPMessageProperties(messageID: "0192f5a4-7b3c-7d2e-9a10-5c4b3a291807", appID: "followup"))
    }

    func testABodyIsDecodedAsItsRoutingKeysTypeWithRFC3339Dates() throws {
        let event = try ObservedEvent(delivery(FollowupEvents.contactDue, """
            {"dueAt":"2025-04-23T14:00:00.000Z","openingId":"5B0B7C1E-2E0A-4C57-9E5B-8A1D2C3E4F50",\
            "taskId":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}
            """))

        XCTAssertEqual(event.routingKey, FollowupEvents.contactDue)
        XCTAssertEqual(event.messageID, "0192f5a4-7b3c-7d2e-9a10-5c4b3a291807")
        XCTAssertEqual(event.appID, "followup")
        XCTAssertEqual(event.body(ContactDuePayload.self), ContactDuePayload(
            taskId: try XCTUnwrap(UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")),
            openingId: try XCTUnwrap(UUID(uuidString: "5b0b7c1e-2e0a-4c57-9e5b-8a1d2c3e4f50")),
            dueAt: try XCTUnwrap(RFC3339.date(from: "2025-04-23T16:00:00+02:00"))))
        XCTAssertNil(event.body(TaskOpenedPayload.self))
        XCTAssertEqual(event.memberNames, ["dueAt", "openingId", "taskId"])
    }

    func testEveryRejectedEventIsARejectedPayload() throws {
        for key in [IntakeEvents.sheetRejected, MatchingEvents.candidateRejected, MatchingEvents.placementRejected,
                    FollowupEvents.rejected, BillingEvents.rejected] {
            let event = try ObservedEvent(delivery(key, """
                {"errors":[{"code":"unknown-opening","field":"openingId","message":"no such opening"}],\
                "messageId":"0192f5a4-7b3c-7d2e-9a10-5c4b3a291807","receivedAt":"2026-12-07T10:00:00Z","routingKey":"company.contacted"}
                """))
            XCTAssertEqual(event.rejected?.errors.map(\.code.rawValue), ["unknown-opening"], key)
        }
    }

    /// A body that is not its type, or not JSON, and a routing key without a Contracts type, are
    /// errors: the test that observes them fails instead of passing over the event.
    func testABodyThatIsNotItsTypeIsAnError() {
        let undecodable = [
            delivery(FollowupEvents.taskOpened, #"{"taskId":"not-a-uuid"}"#),
            delivery(FollowupEvents.contactDue, #"{"dueAt":1745416800,"openingId":"5b0b7c1e-2e0a-4c57-9e5b-8a1d2c3e4f50","taskId":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}"#),
            delivery(IntakeEvents.openingRegistered, "{"),
            delivery("followup.something-new", "{}"),
        ]
        for delivery in undecodable {
            XCTAssertThrowsError(try ObservedEvent(delivery), delivery.routingKey) { error in
                XCTAssertTrue(error is UndecodableEvent, "\(error)")
                XCTAssertTrue("\(error)".hasPrefix(delivery.routingKey), "\(error)")
            }
        }
    }

    func testEveryKeyTheServicesEmitHasAContractsType() {
        XCTAssertFalse(ContractBodies.emitted.isEmpty)
        XCTAssertEqual(ContractBodies.emitted.filter { ContractBodies.type(of: $0) == nil }, [])
    }

    func testWaitUntilThrowsNamingWhatItWaitedFor() async throws {
        do {
            try await waitUntil("the moon turns blue", timeout: .milliseconds(250)) { false }
            XCTFail("waitUntil returned")
        } catch let error as TimedOut {
            XCTAssertTrue(error.description.contains("the moon turns blue"), error.description)
        }
        var checks = 0
        try await waitUntil("the third check") {
            checks += 1
            return checks == 3
        }
        XCTAssertEqual(checks, 3)
    }
}
