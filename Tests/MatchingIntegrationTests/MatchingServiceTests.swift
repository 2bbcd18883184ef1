import AMQPClient
import Chronology
import Contracts
import Domain
import Foundation
import JSON
import Logging
import Matching
import Messaging
import PersonalData
import PostgresClient
import TestSupport
import XCTest

/// The matching executable end to end on the real stack: profiles, openings and placements published
/// to `spotjob`, state in the matching schema, events on the broker.
///
/// Each test starts from empty matching tables (the local stack's matching schema is only used by
/// these tests). Every CPR number here is fictitious.
final class MatchingServiceTests: XCTestCase {
    private var stack: LocalStack!
    private var matching: ServiceProcess!
    private var publisher: AMQPPublisher!
    private var database: PostgresClient!
    private var admin: PostgresClient!
    private var observer: EventObserver!
    private var deadLetters: EventObserver!
    private let logger = Logger(label: "matching-test")
    private var keys: [String: String] = [:]
    private var prefix = ""

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        prefix = "m-\(UUID().uuidString.prefix(8).lowercased())"
        keys = ServiceProcess.freshCPRKeys().merging(["MATCHING_TOP_N": "3"]) { $1 }
        database = PostgresClient(configuration: PostgresConfiguration(url: stack.databaseURL(service: "matching")), logger: logger)
        admin = PostgresClient(configuration: PostgresConfiguration(url: stack.adminDatabaseURL), logger: logger)
        publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.adminAMQPURL), logger: logger)
        observer = try EventObserver(stack: stack, routingKeys: MatchingEvents.emitted, logger: logger)
        await observer.start()
        deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: ["matching"], logger: logger)
        await deadLetters.start()
        // Start from an empty matching: no rows, and none of the openings other tests published
        // waiting in its queue (every opening.* event reaches matching's queue, whoever runs).
        try await MatchingState.empty(on: stack, logger: logger)
        matching = try ServiceProcess(service: MatchingEvents.service, stack: stack, environment: keys)
        try await matching.waitUntilStarted()
    }

    override func tearDown() async throws {
        await matching?.stop()
        await observer?.close()
        await deadLetters?.close()
        await publisher?.close()
        await database?.close()
        await admin?.close()
    }

    // MARK: Helpers

    private func publish(_ type: String, _ body: [UInt8], messageID: UUID = UUID()) async throws {
        try await publisher.publish([
            Envelope(messageID: messageID, type: type, producer: "jobcenter-test", body: body).outgoing(exchange: SpotJobTopology.exchange),
        ])
    }

    private func json(_ fields: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: fields))
    }

    private func profile(_ id: String, cpr: String, _ overrides: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "candidateId": "\(prefix)-\(id)", "jobcenter": "Horsens", "cpr": cpr, "homeMunicipality": "615",
            "categories": ["kitchen-cleaning"], "tasks": ["Opvask"], "hoursPerWeek": ["min": 5, "max": 15],
            "unemployedSince": "2024-01-15", "submittedAt": "2026-12-01T10:00:00+01:00",
            "note": "Foretrækker formiddage",
        ]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    @discardableResult
    private func registerOpening(positions: Int = 1, hours: Double = 7.5, tasks: [String] = ["opvask", "anrette-fjerne-frokost"]) async throws -> UUID {
        let id = UUID()
        let body: [String: Any] = [
            "openingId": id.uuidString.lowercased(), "sheetId": "\(prefix)-\(id.uuidString.prefix(6))", "revision": 1,
            "source": prefix, "municipality": "615", "company": ["cvr": "25313763", "name": "Horsens Kantine ApS"],
            "category": "kitchen-cleaning", "tasks": tasks, "hoursPerWeek": hours, "positions": positions,
            "jobType": "smajob", "visitRequested": false, "submittedAt": "2026-12-01T10:00:00Z",
            "registeredAt": "2026-12-01T10:00:01Z",
        ]
        try await publish(IntakeEvents.openingRegistered, json(body))
        return id
    }

    /// The bodies of events of `type` (matching's tables are this test's alone), until `done` holds
    /// of them.
    private func events<Body>(_ type: String, as _: Body.Type, until done: ([Body]) -> Bool, timeout: Duration = .seconds(20)) async throws -> [Body] {
        try await observer.events(timeout: timeout, settle: .zero, where: { $0.routingKey == type }) {
            done($0.compactMap { $0.body(Body.self) })
        }.compactMap { $0.body(Body.self) }
    }

    private func currentProposals(_ opening: UUID) async throws -> [ProposalPayload] {
        try await database.withConnection { try ProposalStore.current(openingId: opening, on: $0) }
    }

    // MARK: Tests

    func testAProfileBecomesExplainedProposals() async throws {
        let opening = try await registerOpening(positions: 2)
        try await publish(MatchingEvents.candidateProfiled, json(profile("a", cpr: "150385-1234", ["tasks": ["Opvask", "Anrette / fjerne frokost"]])))
        try await publish(MatchingEvents.candidateProfiled, json(profile("b", cpr: "020799-4567")))
        try await publish(MatchingEvents.candidateProfiled, json(profile("shop", cpr: "311200-4003", ["categories": ["shop"]])))
        let proposed = try await events(MatchingEvents.matchProposed, as: MatchProposedPayload.self) { found in
            found.contains { $0.openingId == opening && $0.proposals.count == 2 }
        }
        let last = try XCTUnwrap(proposed.last { $0.openingId == opening })
        XCTAssertEqual(last.proposals.map(\.candidateId), ["\(prefix)-a", "\(prefix)-b"], "more tasks shared ranks first; the shop person is not proposed")
        XCTAssertEqual(last.proposals.map(\.rank), [1, 2])
        let criteria = try XCTUnwrap(last.proposals.first?.criteria)
        XCTAssertEqual(criteria.map(\.criterion), MatchingWeights.criteria)
        XCTAssertEqual(criteria.filter(\.explanation.isEmpty).map(\.criterion), [], "every criterion explained")
        XCTAssertTrue(last.model.hasPrefix("matching-1 "), last.model)
        let stored = try await currentProposals(opening)
        XCTAssertEqual(stored.map(\.candidateId), ["\(prefix)-a", "\(prefix)-b"], "stored with explanations")
        let models = try await database.withConnection { try $0.query("SELECT DISTINCT model FROM proposals").map { try $0.decode(String.self, at: 0) } }
        XCTAssertEqual(models, [MatchingWeights().model])
    }

    func testRevisionWithdrawalAndDuplicatePerson() async throws {
        let opening = try await registerOpening()
        try await publish(MatchingEvents.candidateProfiled, json(profile("r", cpr: "150385-1234")))
        try await waitUntil("the profile is proposed") { try await self.currentProposals(opening).count == 1 }
        // Revision 2 wants shop work only: out of the opening's proposals. Revision 1 again: ignored.
        try await publish(MatchingEvents.candidateProfiled, json(profile("r", cpr: "150385-1234", ["revision": 2, "categories": ["shop"]])))
        try await publish(MatchingEvents.candidateProfiled, json(profile("r", cpr: "150385-1234")))
        try await waitUntil("revision 2 leaves the opening's proposals") { try await self.currentProposals(opening).isEmpty }
        // The same person under another id from the same jobcenter: duplicate-person.
        try await publish(MatchingEvents.candidateProfiled, json(profile("twin", cpr: "1503851234")))
        let rejected = try await events(MatchingEvents.candidateRejected, as: RejectedPayload.self) { !$0.isEmpty }
        XCTAssertEqual(rejected.first?.errors.map(\.code.rawValue), ["duplicate-person"])
        XCTAssertEqual(rejected.first?.candidateId, "\(prefix)-twin")
        // Withdrawal: CPR erased at once (no placement awaits a STAR report).
        try await publish(MatchingEvents.candidateWithdrawn, json(["candidateId": "\(prefix)-r", "reason": "Flyttet"]))
        let prefix = self.prefix
        try await waitUntil("the withdrawal erases the CPR number") {
            try await self.database.withConnection {
                try $0.query("SELECT status = 'withdrawn' AND cpr_ciphertext IS NULL AND cpr_digest IS NULL FROM candidates WHERE candidate_id = $1", ["\(prefix)-r"])
                    .first?.decode(Bool.self, at: 0) ?? false
            }
        }
        let revision = try await database.withConnection {
            try $0.query("SELECT revision FROM candidates WHERE candidate_id = $1", ["\(prefix)-r"]).first?.decode(Int.self, at: 0)
        }
        XCTAssertEqual(revision, 2)
    }

    func testPlacementCapacityRefusalsAndARedeliveredReportIsOnePlacement() async throws {
        let single = try await registerOpening(positions: 1, hours: 7.5)
        let double = try await registerOpening(positions: 2, hours: 7.5)
        try await publish(MatchingEvents.candidateProfiled, json(profile("a", cpr: "150385-1234")))
        try await publish(MatchingEvents.candidateProfiled, json(profile("b", cpr: "020799-4567", ["maxJobs": 2])))
        try await waitUntil("both profiles are proposed for the double opening") { try await self.currentProposals(double).count == 2 }
        func report(_ id: String, _ candidate: String, _ opening: UUID, hours: Double = 7.5) -> [UInt8] {
            json(["placementId": "\(prefix)-\(id)", "candidateId": "\(prefix)-\(candidate)", "openingId": opening.uuidString.lowercased(),
                  "startDate": "2026-12-07", "hoursPerWeek": hours])
        }
        let reported = (0..<6).map { _ in UUID() }
        try await publish(MatchingEvents.placementReported, report("p1", "a", single), messageID: reported[0])
        try await publish(MatchingEvents.placementReported, report("p1", "a", single), messageID: reported[0])  // redelivered
        try await publish(MatchingEvents.placementReported, report("p1", "a", single), messageID: reported[1])  // sent again
        try await publish(MatchingEvents.placementReported, report("p2", "b", single), messageID: reported[2])  // positions-filled
        try await publish(MatchingEvents.placementReported, report("p3", "a", double), messageID: reported[3])  // no-free-slot
        try await publish(MatchingEvents.placementReported, report("p4", "b", double, hours: 10), messageID: reported[4])  // hours-exceed-opening
        try await publish(MatchingEvents.placementReported, report("p5", "nobody", double), messageID: reported[5])  // unknown-candidate
        let rejected = try await events(MatchingEvents.placementRejected, as: RejectedPayload.self) { $0.count >= 4 }
        let codes = Dictionary(rejected.map { ($0.placementId ?? "", $0.errors.map(\.code.rawValue)) }) { a, _ in a }
        XCTAssertEqual(codes["\(prefix)-p2"], ["positions-filled"])
        XCTAssertEqual(codes["\(prefix)-p3"], ["no-free-slot"])
        XCTAssertEqual(codes["\(prefix)-p4"], ["hours-exceed-opening"])
        XCTAssertEqual(codes["\(prefix)-p5"], ["unknown-candidate"])
        let placements = try await database.withConnection { try PlacementStore.list(on: $0) }
        XCTAssertEqual(placements.map(\.placementId), ["\(prefix)-p1"], "one placement")
        XCTAssertEqual(placements.first?.targetGroup, true, "out of work since 2024-01-15")
        let dead = await deadLetters.collect(4, timeout: .seconds(10), settle: .milliseconds(300))
        let reasons = dead.compactMap { $0.properties.headers[DeadLetter.reasonHeader]?.stringValue }
        XCTAssertTrue(reasons.contains { $0.contains("openingId positions-filled") }, "\(reasons)")
        XCTAssertTrue(matching.isRunning)
        let recordedCount = try await database.withConnection { [reported] in
            try $0.query("SELECT count(*) FROM inbox WHERE type = 'placement.reported' AND message_id = ANY($1)", [PostgresArray(reported)])
                .first?.decode(Int.self, at: 0) ?? 0
        }
        XCTAssertEqual(recordedCount, 6, "each message id handled once")
    }

    /// Issue 18, fault 7: an empty body (none at all, or `{}`) on any of matching's keys, and a profile
    /// out of work since 0000-01-01, were answered with "handler failed" (an empty body's sealed copy did
    /// not parse; year 0 is out of PostgreSQL's range). Each is refused with field errors: a jobcenter's
    /// message with `candidate.rejected` or `placement.rejected`, every one dead-lettered as `rejected:`.
    func testEmptyBodiesAndAYearZeroDateAreRefusedWithFieldErrors() async throws {
        let answered = [
            MatchingEvents.candidateProfiled: MatchingEvents.candidateRejected, MatchingEvents.candidateWithdrawn: MatchingEvents.candidateRejected,
            MatchingEvents.placementReported: MatchingEvents.placementRejected, MatchingEvents.placementEndReported: MatchingEvents.placementRejected,
        ]
        var expected: [UUID: (event: String?, errors: [String])] = [:]
        for type in MatchingEvents.consumed {
            for body in [[], Array("{}".utf8)] {
                let messageID = UUID()
                try await publish(type, body, messageID: messageID)
                expected[messageID] = (answered[type], body.isEmpty ? ["$ malformed-json"] : [])
            }
        }
        let ancient = UUID()
        try await publish(MatchingEvents.candidateProfiled, json(profile("ancient", cpr: "150385-1234", ["unemployedSince": "0000-01-01"])), messageID: ancient)
        expected[ancient] = (MatchingEvents.candidateRejected, ["unemployedSince too-early"])

        var events: [UUID: (type: String, errors: [String])] = [:]
        var reasons: [UUID: String] = [:]
        let deadline = ContinuousClock.now + .seconds(30)
        while reasons.count < expected.count || events.count < expected.values.filter({ $0.event != nil }).count, ContinuousClock.now < deadline {
            for event in try await observer.collect(1, timeout: .milliseconds(200)).map(ObservedEvent.init) {
                guard let rejected = event.rejected, expected[rejected.messageId] != nil else { continue }
                events[rejected.messageId] = (event.routingKey, rejected.errors.map { "\($0.field) \($0.code)" })
            }
            for delivery in await deadLetters.collect(1, timeout: .milliseconds(100)) {
                guard let id = delivery.properties.messageID.flatMap(UUID.init(uuidString:)), expected[id] != nil else { continue }
                reasons[id] = delivery.properties.headers[DeadLetter.reasonHeader]?.stringValue ?? ""
            }
        }
        for (id, expectation) in expected {
            XCTAssertTrue(reasons[id]?.hasPrefix("rejected: ") == true, "\(id): dead-lettered as \(reasons[id] ?? "nothing")")
            XCTAssertEqual(events[id]?.type, expectation.event, "\(id)")
            guard let event = events[id] else { continue }
            XCTAssertFalse(event.errors.isEmpty, "\(id): a refusal names its fields")
            if !expectation.errors.isEmpty { XCTAssertEqual(event.errors, expectation.errors) }
        }
        XCTAssertTrue(matching.isRunning)
    }

    /// A profile that cannot enter an opening's full top N (ProposalBound) stores no new proposal set
    /// for it; one that ranks first enters; a placement takes the person out and its end puts them back.
    func testOnlyAPersonWhoCanEnterAFullTopNChangesItAndAnEndedPlacementFreesTheSlot() async throws {
        let opening = try await registerOpening(positions: 2)
        let elsewhere = try await registerOpening(positions: 1)
        let both = ["Opvask", "Anrette / fjerne frokost"]
        for (id, cpr) in [("s1", "150385-1234"), ("s2", "020799-4567"), ("s3", "311200-4003")] {
            try await publish(MatchingEvents.candidateProfiled, json(profile(id, cpr: cpr, ["tasks": both])))
        }
        try await waitUntil("three profiles are proposed") { try await self.currentProposals(opening).count == 3 }
        let prefix = self.prefix
        func sets() async throws -> Int {
            try await database.withConnection {
                try $0.query("SELECT count(DISTINCT set_id) FROM proposals WHERE opening_id = $1", [opening]).first?.decode(Int.self, at: 0) ?? 0
            }
        }
        func stored(_ id: String) async throws -> Bool {
            try await database.withConnection {
                try $0.query("SELECT 1 FROM candidates WHERE candidate_id = $1", ["\(prefix)-\(id)"]).first != nil
            }
        }
        let setsBefore = try await sets()
        try await publish(MatchingEvents.candidateProfiled, json(profile("weak", cpr: "010150-1111", ["tasks": [], "unemployedSince": "2026-11-01"])))
        try await waitUntil("the weak profile is stored") { try await stored("weak") }
        let afterWeak = try await sets()
        XCTAssertEqual(afterWeak, setsBefore, "the weak profile cannot enter: no new set")
        let proposedAfterWeak = try await currentProposals(opening).map(\.candidateId)
        XCTAssertFalse(proposedAfterWeak.contains("\(prefix)-weak"))

        try await publish(MatchingEvents.candidateProfiled, json(profile("best", cpr: "2902881235", ["tasks": both, "unemployedSince": "2020-01-01"])))
        try await waitUntil("the best profile ranks first") { try await self.currentProposals(opening).first?.candidateId == "\(prefix)-best" }

        // Placed elsewhere (maxJobs 1): out of the opening's proposals; the placement ends: back at rank 1.
        try await publish(MatchingEvents.placementReported, json([
            "placementId": "\(prefix)-p", "candidateId": "\(prefix)-best", "openingId": elsewhere.uuidString.lowercased(),
            "startDate": "2026-12-07", "hoursPerWeek": 7.5]))
        try await waitUntil("the placed person leaves the proposals") {
            let proposed = try await self.currentProposals(opening).map(\.candidateId)
            return !proposed.contains("\(prefix)-best")
        }
        try await publish(MatchingEvents.placementEndReported, json(["placementId": "\(prefix)-p", "endDate": "2026-12-08", "reason": "Sygdom"]))
        try await waitUntil("the ended placement puts the person back at rank 1") { try await self.currentProposals(opening).first?.candidateId == "\(prefix)-best" }
        let active = try await database.withConnection {
            try $0.query("SELECT active_placements FROM candidates WHERE candidate_id = $1", ["\(prefix)-best"]).first?.decode(Int.self, at: 0)
        }
        XCTAssertEqual(active, 0, "counted when placed, uncounted when ended")
    }

    func testStarReportRowsAndErasureRightAfterIt() async throws {
        let opening = try await registerOpening(positions: 2)
        try await publish(MatchingEvents.candidateProfiled, json(profile("long", cpr: "150385-1234")))
        try await publish(MatchingEvents.candidateProfiled, json(profile("short", cpr: "020799-4567", ["unemployedSince": "2026-06-01"])))
        try await waitUntil("both profiles are proposed") { try await self.currentProposals(opening).count == 2 }
        for (id, candidate) in [("s1", "long"), ("s2", "short")] {
            try await publish(MatchingEvents.placementReported, json([
                "placementId": "\(prefix)-\(id)", "candidateId": "\(prefix)-\(candidate)", "openingId": opening.uuidString.lowercased(),
                "startDate": "2026-11-16", "hoursPerWeek": 7.5]))
        }
        try await waitUntil("both placements are recorded") { try await self.database.withConnection { try PlacementStore.list(on: $0) }.count == 2 }
        try await publish(MatchingEvents.candidateWithdrawn, json(["candidateId": "\(prefix)-long", "reason": "Fastansat"]))
        let prefix = self.prefix
        try await waitUntil("the withdrawal marks the CPR number for erasure") {
            try await self.database.withConnection {
                try $0.query("SELECT cpr_erase_pending FROM candidates WHERE candidate_id = $1", ["\(prefix)-long"]).first?.decode(Bool.self, at: 0) ?? false
            }
        }
        let settings = try MatchingSettings(environment: keys)
        let report = try await database.transaction {
            try StarReport.generate(month: StarReport.month("2026-11")!, jobcenter: "615", requestedBy: "test", cipher: settings.cprCipher, at: Date(), on: $0)
        }
        XCTAssertEqual(report.csv, "cpr;cvr;startDate;jobcenter\n150385-1234;25313763;2026-11-16;615\n", "only the target group")
        let erased = try await database.withConnection {
            try $0.query("SELECT cpr_ciphertext IS NULL FROM candidates WHERE candidate_id = $1", ["\(prefix)-long"]).first?.decode(Bool.self, at: 0)
        }
        XCTAssertEqual(erased, true, "erased right after the report")
        let announcements = try await observer.events(1, timeout: .seconds(20), settle: .zero) { $0.routingKey == MatchingEvents.starReportGenerated }
        let announced = announcements.compactMap { $0.body(StarReportGeneratedPayload.self) }
        XCTAssertEqual(announced.first?.rows, 1)
        XCTAssertEqual(announced.first?.month, "2026-11")
        XCTAssertEqual(announced.first?.jobcenter, "615")
        XCTAssertEqual(announcements.first.map { $0.memberNames.contains("cpr") }, false, "no CPR member")
    }

    /// No CPR digits, with or without the dash, in any column of any matching table, the service's
    /// log, any event or any dead-letter reason produced from valid profiles (one refused as a duplicate).
    func testTheCPRNumberIsNeverInPlaintext() async throws {
        let cprs = ["150385-1234", "020799-4567"]
        let opening = try await registerOpening()
        try await publish(MatchingEvents.candidateProfiled, json(profile("x", cpr: cprs[0])))
        try await publish(MatchingEvents.candidateProfiled, json(profile("y", cpr: cprs[1])))
        try await publish(MatchingEvents.candidateProfiled, json(profile("x-twin", cpr: cprs[0])))
        try await waitUntil("both profiles are proposed") { try await self.currentProposals(opening).count == 2 }
        let events = await observer.collect(Int.max, timeout: .zero, settle: .seconds(2))
        let dead = await deadLetters.collect(1, timeout: .seconds(10))
        XCTAssertFalse(dead.isEmpty, "the duplicate was dead-lettered")

        let tables = ["candidates", "openings", "proposals", "placements", "rejected_messages", "star_runs", "assignment_runs", "inbox", "outbox"]
        var everything = ""
        for table in tables {
            everything += try await admin.withConnection {
                try $0.query("SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM matching.\(table) t").first?.decode(String.self, at: 0) ?? ""
            }
        }
        everything += matching.log
        everything += events.map { String(decoding: $0.body, as: UTF8.self) }.joined()
        everything += dead.compactMap { $0.properties.headers[DeadLetter.reasonHeader]?.stringValue }.joined()
        XCTAssertTrue(everything.contains("\(prefix)-x"), "the search covers the data")
        for cpr in cprs {
            XCTAssertFalse(everything.contains(cpr), "found a CPR number with dash")
            XCTAssertFalse(everything.contains(cpr.replacingOccurrences(of: "-", with: "")), "found a CPR number without dash")
        }
        XCTAssertFalse(events.isEmpty, "the search covers the events")
        XCTAssertFalse(events.contains { String(decoding: $0.body, as: UTF8.self).contains("Foretrækker") }, "the note is never in an event")
    }

    func testTheServiceRefusesToStartWithoutKeys() async throws {
        let without = try ServiceProcess(service: MatchingEvents.service, stack: stack, environment: ["CPR_ENCRYPTION_KEY": "", "CPR_INDEX_KEY": ""])
        let deadline = ContinuousClock.now + .seconds(20)
        while without.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        XCTAssertFalse(without.isRunning)
        XCTAssertEqual(without.exitStatus, 2)
        XCTAssertTrue(without.log.contains("CPR_ENCRYPTION_KEY"), without.log)
    }

    func testTheMatchingRoleCannotReadIntakesSchema() async throws {
        for table in ["intake.openings", "intake.rejected_messages"] {
            do {
                try await database.withConnection { _ = try $0.query("SELECT * FROM \(table) LIMIT 1") }
                XCTFail("matching could read \(table)")
            } catch let error as PostgresError {
                XCTAssertTrue(["42501", "42P01"].contains(error.sqlState ?? ""), "\(table): \(error)")
            }
        }
        let schema = try await database.withConnection { try $0.query("SELECT current_schema()").first?.decode(String.self, at: 0) }
        XCTAssertEqual(schema, "matching")
    }
}
