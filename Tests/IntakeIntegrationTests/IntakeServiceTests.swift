import AMQPClient
import Contracts
import Domain
import Foundation
import Intake
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// The intake executable end to end on the real stack: sheets published to `spotjob`, openings in
/// the intake schema, events on the broker.
final class IntakeServiceTests: XCTestCase {
    private var stack: LocalStack!
    private var intake: ServiceProcess!
    private var publisher: AMQPPublisher!
    private var database: PostgresClient!
    private var observer: EventObserver!
    private let logger = Logger(label: "intake-test")
    /// Unique per test, so tests sharing the intake schema and broker do not see each other's sheets.
    private var prefix = ""

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        prefix = "t-\(UUID().uuidString.prefix(8).lowercased())"
        database = PostgresClient(
            configuration: PostgresConfiguration(url: stack.databaseURL(service: "intake")), logger: logger)
        publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.adminAMQPURL), logger: logger)
        observer = try EventObserver(
            stack: stack, routingKeys: ["opening.registered", "opening.updated", "opening.withdrawn", "sheet.rejected"], logger: logger)
        await observer.start()
        intake = try ServiceProcess(service: IntakeEvents.service, stack: stack)
        try await intake.waitUntilStarted()
    }

    override func tearDown() async throws {
        await intake?.stop()
        await observer?.close()
        await publisher?.close()
        await database?.close()
    }

    private func submit(_ sheets: [[String: Any]], type: String = IntakeEvents.sheetSubmitted) async throws {
        try await publish(sheets.map { HorsensJobShopSheet.json($0) }, type: type)
    }

    private func publish(_ bodies: [[UInt8]], type: String = IntakeEvents.sheetSubmitted, messageID: UUID? = nil) async throws {
        try await publisher.publish(bodies.map {
            Envelope(messageID: messageID ?? UUID(), type: type, producer: "jobcenter-test", body: $0)
                .outgoing(exchange: SpotJobTopology.exchange)
        })
    }

    /// Events of this test (by sheet id prefix), collected until `count` arrived, then `settle` more.
    private func events(_ count: Int, settle: Duration = .milliseconds(700), timeout: Duration = .seconds(30)) async throws -> [ObservedEvent] {
        try await observer.events(count, timeout: timeout, settle: settle) { [prefix] in $0.sheetId?.hasPrefix(prefix) == true }
    }

    /// A valid sheet of this test: its id starts with the test's prefix and its source is the prefix.
    private func sheet(_ suffix: String, _ overrides: [String: Any] = [:]) -> [String: Any] {
        HorsensJobShopSheet.fields(sheetId: "\(prefix)-\(suffix)", overriding: overrides.merging(["source": prefix]) { current, _ in current })
    }

    /// The openings of this test's sheets (by their source).
    private func openings() async throws -> [OpeningPayload] {
        try await database.withConnection { [prefix] in try OpeningStore.list(source: prefix, limit: 10_000, on: $0) }
    }

    func testAValidSheetBecomesOneOpeningAndOneEvent() async throws {
        try await submit([sheet("1")])
        let received = try await events(1)

        XCTAssertEqual(received.map(\.routingKey), [IntakeEvents.openingRegistered])
        let event = try XCTUnwrap(received.first?.body(OpeningPayload.self))
        XCTAssertEqual(event.municipality, "615", "Horsens normalised to its kommunekode")
        XCTAssertEqual(event.category, .kitchenCleaning)
        XCTAssertEqual(event.tasks, [.known(code: "anrette-fjerne-frokost"), .known(code: "opvask"), .freeText("Vande planter i kantinen")])
        XCTAssertEqual(event.hoursPerWeek, HoursPerWeek(tenths: 75))
        XCTAssertEqual(event.positions, 2)
        XCTAssertEqual(event.jobType, .smajob)
        XCTAssertEqual(event.company.cvr, try CVR("25313763"), "spaces removed")
        XCTAssertFalse(received[0].memberNames.contains("contact"), "contact details stay in intake")
        let stored = try await openings()
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(stored.first?.openingId, event.openingId)
    }

    /// Duplicates: the same message delivered again (same message id) and the same sheet sent again
    /// (new message id, same sheetId and revision) both leave one opening and one event.
    func testTheSameSheetTwiceIsOneOpening() async throws {
        let body = HorsensJobShopSheet.json(sheet("dup"))
        let messageID = UUID()
        try await publish([body, body], messageID: messageID)
        try await publish([body])
        let received = try await events(1, settle: .seconds(2))

        XCTAssertEqual(received.map(\.routingKey), [IntakeEvents.openingRegistered])
        let stored = try await openings()
        XCTAssertEqual(stored.count, 1)
    }

    func testAHigherRevisionUpdatesTheOpeningAndALowerOneIsIgnored() async throws {
        try await submit([sheet("rev")])
        try await submit([sheet("rev", ["revision": 2, "hoursPerWeek": 10, "positions": 3])])
        try await submit([sheet("rev", ["revision": 1, "hoursPerWeek": 3])])
        let received = try await events(2, settle: .seconds(1))

        XCTAssertEqual(received.map(\.routingKey), [IntakeEvents.openingRegistered, IntakeEvents.openingUpdated])
        let bodies = received.compactMap { $0.body(OpeningPayload.self) }
        guard bodies.count == 2 else { return XCTFail("two openings: \(received.map(\.routingKey))") }
        XCTAssertEqual(bodies[0].openingId, bodies[1].openingId, "same opening id")
        XCTAssertEqual(bodies[1].revision, 2)
        XCTAssertEqual(bodies[1].hoursPerWeek, HoursPerWeek(tenths: 100))
        let stored = try await openings()
        XCTAssertEqual(stored.map(\.revision), [2])
        XCTAssertEqual(stored.first?.positions, 3)
    }

    /// Revisions of one sheet queued while intake is paused arrive in one batch; they still apply
    /// in order, each once, on the batch path (a statement saving a batch of sheets cannot hold one
    /// sheet twice, so intake splits the run instead of failing and falling back to one by one).
    func testRevisionsOfOneSheetInOneBatchApplyInOrder() async throws {
        intake.signal(SIGSTOP)
        try await submit([
            sheet("batch"), sheet("batch", ["revision": 2]), sheet("batch"), sheet("other"),
            sheet("batch", ["revision": 3, "positions": 4]),
        ])
        intake.signal(SIGCONT)
        let received = try await events(4, settle: .seconds(1))

        let batchEvents = received.filter { $0.sheetId == "\(prefix)-batch" }
        XCTAssertEqual(batchEvents.map(\.routingKey), [IntakeEvents.openingRegistered, IntakeEvents.openingUpdated, IntakeEvents.openingUpdated])
        XCTAssertEqual(batchEvents.map { $0.body(OpeningPayload.self)?.revision }, [1, 2, 3])
        XCTAssertEqual(received.count, 4, "the other sheet is registered too")
        let stored = try await openings().sorted { $0.sheetId < $1.sheetId }
        XCTAssertEqual(stored.map(\.revision), [3, 1])
        XCTAssertEqual(stored.first?.positions, 4)
        XCTAssertFalse(intake.log.contains("one message at a time"), "the batch did not fail")
    }

    /// A lead is handed to followup alone (`lead.*`, with its contact); an opening to matching and,
    /// with its contact, to followup; an opening cannot be revised into a lead.
    func testALeadGoesToFollowupAloneAndAnOpeningStaysAnOpening() async throws {
        let everything = try EventObserver(stack: stack, routingKeys: ["opening.*", "lead.*", "sheet.rejected"], logger: logger)
        await everything.start()
        defer { Task { await everything.close() } }
        let job: Set = ["category", "tasks", "hoursPerWeek"]
        func without(_ fields: [String: Any]) -> [String: Any] { fields.filter { !job.contains($0.key) } }
        try await submit([without(sheet("lead"))])
        try await submit([sheet("opening")])
        try await submit([without(sheet("opening", ["revision": 2]))])
        try await submit([["sheetId": "\(prefix)-lead", "reason": "Besøget er aflyst"]], type: IntakeEvents.sheetWithdrawn)
        let received = try await everything.events(5, timeout: .seconds(30), settle: .seconds(1)) { [prefix] in
            $0.sheetId?.hasPrefix(prefix) == true
        }

        XCTAssertEqual(received.filter { $0.sheetId == "\(prefix)-lead" }.map(\.routingKey), [
            IntakeEvents.leadRegistered, IntakeEvents.leadWithdrawn,
        ])
        XCTAssertEqual(received.filter { $0.sheetId == "\(prefix)-opening" }.map(\.routingKey), [
            IntakeEvents.openingRegistered, IntakeEvents.openingHandedOver, IntakeEvents.sheetRejected,
        ])
        let lead = try XCTUnwrap(received.first { $0.routingKey == IntakeEvents.leadRegistered }?.body(HandoverPayload.self))
        XCTAssertNil(lead.category)
        XCTAssertNil(lead.positions)
        XCTAssertEqual(lead.contact, .init(name: "Mette Kjær", phone: "+4575621100", email: "mette@bygholm-kantine.dk"))
        XCTAssertFalse(received.contains { $0.routingKey == IntakeEvents.openingRegistered && $0.memberNames.contains("contact") },
                       "no contact in what matching reads")
        let refused = received.last { $0.routingKey == IntakeEvents.sheetRejected }?.rejected
        XCTAssertEqual(refused?.errors.map { "\($0.field) \($0.code.rawValue)" }, [
            "category required", "tasks required", "hoursPerWeek required",
        ])
        let listed = try await openings()
        XCTAssertEqual(listed.map(\.sheetId), ["\(prefix)-opening"], "`spotjob openings list` lists openings, not leads")
    }

    func testAWithdrawalWithdrawsTheOpeningOnce() async throws {
        try await submit([sheet("w")])
        let withdrawal: [String: Any] = ["sheetId": "\(prefix)-w", "reason": "Stillingen er besat"]
        try await submit([withdrawal, withdrawal], type: IntakeEvents.sheetWithdrawn)
        let received = try await events(2, settle: .seconds(1))

        XCTAssertEqual(received.map(\.routingKey), [IntakeEvents.openingRegistered, IntakeEvents.openingWithdrawn])
        guard received.count == 2 else { return }
        XCTAssertEqual(received[1].body(OpeningWithdrawnPayload.self)?.reason, "Stillingen er besat")
        XCTAssertEqual(received[1].body(OpeningWithdrawnPayload.self)?.openingId, received[0].body(OpeningPayload.self)?.openingId)
        let stored = try await openings()
        XCTAssertEqual(stored.first?.status, "withdrawn")
    }

    /// A NUL character cut values short at the database: `w1\u0000x` withdrew sheet `w1`. Now a
    /// withdrawal or sheet holding one is refused like any bad field (rejection row, `sheet.rejected`,
    /// dead letter), and nothing else is touched.
    func testANULCharacterIsRefusedAndWithdrawsNothing() async throws {
        let deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: ["intake"], logger: logger)
        await deadLetters.start()
        defer { Task { await deadLetters.close() } }
        try await submit([sheet("w1")])
        _ = try await events(1, settle: .zero)
        let withdrawal = ["sheetId": "\(prefix)-w1\u{0}x", "reason": "r"]
        let sheetWithNUL = sheet("nul", ["company": ["cvr": "25313763", "name": "Kantine\u{0} ApS"], "note": "a\u{0}b"])
        try await submit([withdrawal], type: IntakeEvents.sheetWithdrawn)
        try await submit([sheetWithNUL])

        let dead = await deadLetters.collect(2, timeout: .seconds(20), settle: .milliseconds(300))
        let reasons = dead.compactMap { $0.properties.headers[DeadLetter.reasonHeader]?.stringValue }
        XCTAssertEqual(reasons.filter { $0.contains("invalid-character") }.count, 2, "\(reasons)")
        XCTAssertFalse(reasons.contains { $0.contains("handler failed") }, "\(reasons)")
        let received = try await events(1, settle: .seconds(1))
        XCTAssertEqual(received.map(\.routingKey), [IntakeEvents.sheetRejected], "the sheet with NUL is rejected; the withdrawal names no valid sheet")
        XCTAssertEqual(received.first?.rejected?.sheetId, "\(prefix)-nul")
        XCTAssertEqual(Set(received.first?.rejected?.errors.map(\.field) ?? []), ["company.name", "note"])
        let stored = try await openings()
        XCTAssertEqual(stored.map(\.status), ["registered"], "sheet w1 is not withdrawn")
        let rejectedRows = try await database.withConnection { [prefix] in
            try $0.query("SELECT count(*) FROM rejected_messages WHERE raw_body LIKE $1::bytea", ["%\(prefix)%"]).first?.decode(Int.self, at: 0) ?? 0
        }
        XCTAssertEqual(rejectedRows, 2, "both refusals are kept")
    }

    /// Five faults, one rejection naming all five; the raw message is kept in the intake schema and
    /// in `intake.dead` with the reason in a header; the contact's phone and e-mail never reach
    /// the log.
    func testASheetWithFiveFaultsIsRejectedNamingAllFive() async throws {
        let deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: ["intake"], logger: logger)
        await deadLetters.start()
        defer { Task { await deadLetters.close() } }
        let faulty = sheet("5", [
            "company": ["cvr": "10150818", "name": "Horsens Kantine ApS"],  // check digit wrong
            "municipality": "Atlantis",
            "category": "Rumfart",
            "hoursPerWeek": 40,
            "contact": ["name": "Mette Jensen", "phone": "12 34", "email": "mette@kantine.example"],
        ])
        try await submit([faulty])
        let received = try await events(1)

        XCTAssertEqual(received.map(\.routingKey), [IntakeEvents.sheetRejected])
        let errors = try XCTUnwrap(received.first?.rejected?.errors)
        XCTAssertEqual(errors.count, 5)
        XCTAssertEqual(Set(errors.map(\.field)),
                       ["company.cvr", "municipality", "category", "hoursPerWeek", "contact.phone"])
        XCTAssertEqual(Set(errors.map(\.code.rawValue)),
                       ["invalid-cvr", "unknown-municipality", "unknown-category", "out-of-range", "invalid-phone"])

        let dead = await deadLetters.collect(1, timeout: .seconds(10))
        let reason = try XCTUnwrap(dead.first?.properties.headers[DeadLetter.reasonHeader]?.stringValue)
        XCTAssertTrue(reason.contains("company.cvr invalid-cvr"), reason)
        XCTAssertEqual(dead.first?.body, HorsensJobShopSheet.json(faulty), "the raw message is kept")

        let kept = try await database.withConnection { [prefix] in
            try $0.query("SELECT raw_body FROM rejected_messages WHERE subject = $1", ["\(prefix)-5"]).map { try $0.decode([UInt8].self, column: "raw_body") }
        }
        XCTAssertEqual(kept, [HorsensJobShopSheet.json(faulty)])
        let deadMessageID = try XCTUnwrap(dead.first?.properties.messageID)
        try await waitUntil("the log records the refusal") { self.intake.log.contains(deadMessageID) }
        let log = intake.log
        XCTAssertFalse(log.contains("mette@kantine.example"), "no e-mail address in the log")
        XCTAssertFalse(log.contains("12 34"), "no phone number in the log")
    }

    /// Issue 18, fault 3: a sheet filled in in year 0 or in 1700 was accepted, and its contact timers
    /// crashed followup when they fired. Now it is refused (`submittedAt too-early`), as is one
    /// from the far future (`too-late`), and no opening comes of any of them.
    func testASheetFromAnotherCenturyIsRefused() async throws {
        try await submit([
            sheet("year-0", ["submittedAt": "0000-01-01T00:00:00Z"]),
            sheet("1700", ["submittedAt": "1700-03-01T12:00:00+01:00"]),
            sheet("9999", ["submittedAt": "9999-12-31T23:59:59Z"]),
        ])
        let received = try await events(3)
        XCTAssertEqual(received.map(\.routingKey), [IntakeEvents.sheetRejected, IntakeEvents.sheetRejected, IntakeEvents.sheetRejected])
        var codes: [String: [String]] = [:]
        for rejected in received.compactMap(\.rejected) {
            codes[rejected.sheetId ?? ""] = rejected.errors.map { "\($0.field) \($0.code)" }
            for message in rejected.errors.map(\.message) {
                XCTAssertFalse(["0000", "1700", "9999"].contains { message.contains($0) }, "the message quotes the value: \(message)")
            }
        }
        XCTAssertEqual(codes, [
            "\(prefix)-year-0": ["submittedAt too-early"], "\(prefix)-1700": ["submittedAt too-early"], "\(prefix)-9999": ["submittedAt too-late"],
        ])
        let registered = try await openings()
        XCTAssertEqual(registered.count, 0)
        XCTAssertTrue(intake.isRunning)
    }

    /// Malformed JSON, wrong types, a 5 MB body and invalid UTF-8 are each rejected and
    /// dead-lettered, and intake keeps running: a valid sheet afterwards is registered.
    func testBadInputIsRejectedAndTheServiceKeepsRunning() async throws {
        let deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: ["intake"], logger: logger)
        await deadLetters.start()
        defer { Task { await deadLetters.close() } }
        let marker = "\(prefix)-bad"
        let malformed = Array("{\"sheetId\": \"\(marker)-json\", ".utf8)
        let wrongTypes = HorsensJobShopSheet.json(sheet("bad-types", ["hoursPerWeek": "seven", "positions": true, "tasks": "Opvask"]))
        let huge = Array("{\"sheetId\": \"\(marker)-huge\", \"note\": \"".utf8) + [UInt8](repeating: 0x61, count: 5 * 1024 * 1024) + Array("\"}".utf8)
        let invalidUTF8 = Array("{\"sheetId\": \"\(marker)-utf8\", \"note\": \"".utf8) + [0xC3, 0x28, 0xFF] + Array("\"}".utf8)
        try await publish([malformed, wrongTypes, huge, invalidUTF8])
        try await submit([sheet("after")])

        let dead = await deadLetters.collect(4, timeout: .seconds(30), settle: .milliseconds(500))
        let mine = dead.filter { $0.body == malformed || $0.body == wrongTypes || $0.body == huge || $0.body == invalidUTF8 }
        XCTAssertEqual(mine.count, 4, "all four dead-lettered, bodies intact")
        let reasons = mine.compactMap { $0.properties.headers[DeadLetter.reasonHeader]?.stringValue }
        XCTAssertTrue(reasons.contains { $0.contains("malformed-json") }, "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.contains("too-large") }, "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.contains("invalid-utf8") }, "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.contains("hoursPerWeek wrong-type") && $0.contains("positions wrong-type") && $0.contains("tasks wrong-type") }, "\(reasons)")

        let received = try await events(2)
        XCTAssertTrue(received.contains { $0.body(OpeningPayload.self)?.sheetId == "\(prefix)-after" })
        XCTAssertTrue(received.contains { $0.rejected?.sheetId == "\(marker)-types" })
        XCTAssertTrue(intake.isRunning)
        let rejectedRows = try await database.withConnection { [marker] in
            try $0.query("SELECT count(*) FROM rejected_messages WHERE raw_body LIKE $1::bytea", ["%\(marker)%"]).first?.decode(Int.self, at: 0) ?? 0
        }
        XCTAssertEqual(rejectedRows, 4, "each rejection is kept in the intake schema")
    }

    /// SIGTERM: intake stops consuming, finishes and acks what it holds, flushes the outbox and
    /// exits cleanly within 10 seconds.
    func testSIGTERMShutsDownGracefullyWithinTenSeconds() async throws {
        try await submit((0..<200).map { sheet("term-\($0)") })
        try await Task.sleep(for: .milliseconds(200))
        let took = await intake.stop(signal: SIGTERM)

        XCTAssertLessThan(took, .seconds(10))
        XCTAssertEqual(intake.exitStatus, 0)
        XCTAssertTrue(intake.log.contains("service stopped"))
        let unsent = try await database.withConnection { try $0.query("SELECT count(*) FROM outbox").first?.decode(Int.self, at: 0) ?? 0 }
        XCTAssertEqual(unsent, 0, "the outbox was flushed")
    }

    /// kill -9 of intake while sheets flow, at a moment when committed events were not yet relayed:
    /// after a restart every sheet has exactly one opening and its `opening.registered` arrives
    /// (a redelivered event keeps its message id, so a consumer's inbox drops the copy).
    func testKillNineWhileSheetsFlowAccountsForEverySheetExactlyOnce() async throws {
        let total = 1500
        let (publisher, prefix) = (self.publisher!, self.prefix)
        let publishing = Task {
            for start in stride(from: 0, to: total, by: 50) {
                try await publisher.publish((start..<start + 50).map {
                    Envelope(type: IntakeEvents.sheetSubmitted, producer: "jobcenter-test",
                             body: HorsensJobShopSheet.json(HorsensJobShopSheet.fields(sheetId: "\(prefix)-k-\($0)", overriding: ["source": prefix])))
                        .outgoing(exchange: SpotJobTopology.exchange)
                })
                try await Task.sleep(for: .milliseconds(15))
            }
        }
        // Freeze intake (SIGSTOP) at random moments and look at its outbox: committed events not yet
        // relayed are there exactly while it is frozen, and kill -9 then loses the relay's copy in memory.
        // Kills also land when the outbox is empty, until one lands with unsent events.
        var killedWithUnsentEvents = false
        for attempt in 0..<40 where !killedWithUnsentEvents {
            try await Task.sleep(for: .milliseconds(60 + 37 * (attempt % 5)))
            intake.signal(SIGSTOP)
            let unsent = try await database.withConnection { try $0.query("SELECT count(*) FROM outbox").first?.decode(Int.self, at: 0) ?? 0 }
            guard unsent > 0 || attempt % 4 == 3 else {
                intake.signal(SIGCONT)
                continue
            }
            await intake.stop(signal: SIGKILL)
            killedWithUnsentEvents = unsent > 0
            intake = try ServiceProcess(service: IntakeEvents.service, stack: stack)
            try await intake.waitUntilStarted()
        }
        try await publishing.value
        XCTAssertTrue(killedWithUnsentEvents, "a kill landed between a commit and its relay")

        let received = try await events(total, settle: .seconds(1), timeout: .seconds(90))
        let registered = received.filter { $0.routingKey == IntakeEvents.openingRegistered }.compactMap { $0.body(OpeningPayload.self) }
        let stored = try await openings()
        XCTAssertEqual(stored.count, total, "one opening per sheet")
        XCTAssertEqual(Set(registered.map(\.sheetId)).count, total, "every sheet's event arrived")
        let openingIDsPerSheet = Dictionary(grouping: registered, by: \.sheetId).mapValues { Set($0.map(\.openingId)) }
        XCTAssertEqual(openingIDsPerSheet.filter { $0.value.count != 1 }.keys.sorted(), [], "a resent event carries the same opening")
        XCTAssertEqual(Set(openingIDsPerSheet.values.flatMap { $0 }), Set(stored.map(\.openingId)), "the events carry the stored openings")
    }
}

extension ObservedEvent {
    /// The sheet an intake event is about: an opening's, a hand-over's, a withdrawal's or a refused sheet's.
    fileprivate var sheetId: String? {
        body(OpeningPayload.self)?.sheetId ?? body(HandoverPayload.self)?.sheetId ?? body(OpeningWithdrawnPayload.self)?.sheetId
            ?? rejected?.sheetId
    }
}
