import AMQPClient
import BodyReading
import Contracts
import Foundation
import Logging
import Messaging
import TestSupport
import XCTest

/// Intake takes the sender from the broker-checked `user_id`: a jobcenter sends, revises and
/// withdraws only its own municipality's sheets; Code of Care's own users may send for any.
final class SenderRulesTests: XCTestCase {
    private var stack: LocalStack!
    private var intake: ServiceProcess!
    private var observer: EventObserver!
    private let logger = Logger(label: "sender-rules-test")
    private var prefix = ""

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        prefix = "sr-\(UUID().uuidString.prefix(8).lowercased())"
        observer = try EventObserver(stack: stack, routingKeys: ["opening.registered", "opening.updated", "opening.withdrawn", IntakeEvents.sheetRejected], logger: logger)
        await observer.start()
        intake = try ServiceProcess(service: IntakeEvents.service, stack: stack)
        try await intake.waitUntilStarted()
    }

    override func tearDown() async throws {
        await intake?.stop()
        await observer?.close()
    }

    /// Publishes `body` as `type` as `user`, which the publisher sets as `user_id`.
    private func send(_ type: String, _ fields: [String: Any], as user: AMQPConfiguration) async throws {
        let publisher = AMQPPublisher(configuration: user, logger: logger)
        try await publisher.publish(
            Envelope(type: type, producer: "jobcenter-system", body: HorsensJobShopSheet.json(fields)).outgoing(exchange: SpotJobTopology.exchange))
        await publisher.close()
    }

    private func sheet(_ suffix: String, municipality: String, revision: Int = 1) -> [String: Any] {
        HorsensJobShopSheet.fields(sheetId: "\(prefix)-\(suffix)", overriding: ["municipality": municipality, "revision": revision, "source": prefix])
    }

    /// The next event of this test's sheet `suffix`.
    private func next(about suffix: String) async throws -> ObservedEvent {
        let sheetId = "\(prefix)-\(suffix)"
        let events = try await observer.events(1, settle: .zero) { event in
            event.body(OpeningPayload.self)?.sheetId == sheetId || event.body(OpeningWithdrawnPayload.self)?.sheetId == sheetId
                || event.rejected?.subject == sheetId
        }
        return try XCTUnwrap(events.first, "no event about \(sheetId)")
    }

    func testAJobcenterSendsRevisesAndWithdrawsOnlyItsOwnMunicipalitysSheets() async throws {
        let horsensQueue = try JobcenterQueue("615")
        let horsens = horsensQueue.user, hedensted = try JobcenterQueue("766").user

        try await send(IntakeEvents.sheetSubmitted, sheet("for-hedensted", municipality: "766"), as: horsens)
        let foreign = try await next(about: "for-hedensted")
        XCTAssertEqual(foreign.routingKey, IntakeEvents.sheetRejected)
        XCTAssertEqual(foreign.rejected?.errors.map(\.code), [.notYourMunicipality])
        XCTAssertEqual(foreign.rejected?.errors.map(\.field), ["municipality"])
        let answered = await horsensQueue.read(mentioning: "\(prefix)-for-hedensted", count: 1, timeout: .seconds(10), logger: logger)
        XCTAssertEqual(answered.map(\.routingKey), [IntakeEvents.sheetRejected], "Horsens finds the answer in its own queue")
        XCTAssertEqual(answered.first?.properties.headers[Envelope.municipalityHeader]?.stringValue, "615")

        try await send(IntakeEvents.sheetSubmitted, sheet("own", municipality: "615"), as: horsens)
        let own = try await next(about: "own")
        XCTAssertEqual(own.routingKey, IntakeEvents.openingRegistered)

        try await send(IntakeEvents.sheetSubmitted, sheet("own", municipality: "766", revision: 2), as: hedensted)
        let revised = try await next(about: "own")
        XCTAssertEqual(revised.routingKey, IntakeEvents.sheetRejected, "Hedensted cannot take over Horsens' sheet")
        XCTAssertEqual(revised.rejected?.errors.map(\.code), [.notYourMunicipality])
        XCTAssertEqual(revised.rejected?.errors.map(\.field), ["sheetId"])

        try await send(IntakeEvents.sheetWithdrawn, ["sheetId": "\(prefix)-own", "reason": "Besat"], as: hedensted)
        let withdrawal = try await next(about: "own")
        XCTAssertEqual(withdrawal.routingKey, IntakeEvents.sheetRejected, "Hedensted cannot withdraw Horsens' sheet")
        XCTAssertEqual(withdrawal.rejected?.errors.map(\.code), [.notYourMunicipality])

        try await send(IntakeEvents.sheetWithdrawn, ["sheetId": "\(prefix)-own", "reason": "Besat"], as: horsens)
        let withdrawn = try await next(about: "own")
        XCTAssertEqual(withdrawn.routingKey, IntakeEvents.openingWithdrawn)
    }

    func testCodeOfCaresOwnUsersMaySendForAnyMunicipality() async throws {
        try await send(IntakeEvents.sheetSubmitted, sheet("event-tooling", municipality: "766"), as: try AMQPConfiguration(url: stack.eventToolingAMQPURL))
        let registered = try await next(about: "event-tooling")
        XCTAssertEqual(registered.routingKey, IntakeEvents.openingRegistered)
        XCTAssertEqual(registered.body(OpeningPayload.self)?.municipality, "766")
    }
}
