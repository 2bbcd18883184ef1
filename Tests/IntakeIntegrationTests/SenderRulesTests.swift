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
        observer = try EventObserver(stack: stack, routingKeys: ["opening.*", IntakeEvents.sheetRejected], logger: logger)
        await observer.start()
        intake = try ServiceProcess(service: IntakeEvents.service, stack: stack)
        try await intake.waitUntilStarted()
    }

    override func tearDown() async throws {
        await intake?.stop()
        await observer?.close()
    }

    /// Publishes `body` as `type` with the broker user of `url`, which the publisher sets as `user_id`.
    private func send(_ type: String, _ fields: [String: Any], as url: String) async throws {
        let publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: url), logger: logger)
        try await publisher.publish(
            Envelope(type: type, producer: "jobcenter-system", body: HorsensJobShopSheet.json(fields)).outgoing(exchange: SpotJobTopology.exchange))
        await publisher.close()
    }

    private func jobcenter(_ kommunekode: String) throws -> String {
        try XCTUnwrap(ProcessInfo.processInfo.environment["JOBCENTER_\(kommunekode)_AMQP_URL"])
    }

    /// What jobcenter `kommunekode`'s queue holds about this test's sheet `suffix`, read as that jobcenter.
    private func answers(in kommunekode: String, about suffix: String) async throws -> [Delivery] {
        let consumer = AMQPConsumer(
            configuration: try AMQPConfiguration(url: try jobcenter(kommunekode)), queue: "jobcenter.\(kommunekode)", logger: logger)
        var found: [Delivery] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while found.isEmpty, ContinuousClock.now < deadline {
            let batch = await consumer.next(maxCount: 100, timeout: .milliseconds(300))
            if let last = batch.last { await consumer.ackAll(through: last) }
            found += batch.filter { String(decoding: $0.body, as: UTF8.self).contains("\(prefix)-\(suffix)") }
        }
        await consumer.close()
        return found
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
        let horsens = try jobcenter("615"), hedensted = try jobcenter("766")

        try await send(IntakeEvents.sheetSubmitted, sheet("for-hedensted", municipality: "766"), as: horsens)
        let foreign = try await next(about: "for-hedensted")
        XCTAssertEqual(foreign.routingKey, IntakeEvents.sheetRejected)
        XCTAssertEqual(foreign.rejected?.errors.map(\.code), [.notYourMunicipality])
        XCTAssertEqual(foreign.rejected?.errors.map(\.field), ["municipality"])
        let answered = try await answers(in: "615", about: "for-hedensted")
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
        try await send(IntakeEvents.sheetSubmitted, sheet("event-tooling", municipality: "766"), as: stack.jobcenterAMQPURL)
        let registered = try await next(about: "event-tooling")
        XCTAssertEqual(registered.routingKey, IntakeEvents.openingRegistered)
        XCTAssertEqual(registered.body(OpeningPayload.self)?.municipality, "766")
    }
}
