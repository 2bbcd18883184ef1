import AMQPClient
import Billing
import Contracts
import Foundation
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// The billing executable end to end on the real stack.
final class BillingServiceTests: BillingIntegrationTestCase {
    /// Seed 004: 175.000 kr at signing, then 175.000 and 4 × 150.000 kr on dates now past, all
    /// issued when the contract arrives: 1.187.500,00 kr with VAT.
    func testTheIshojContractIsSixInvoicesOf1187500KronerInAll() async throws {
        try await bench.startBilling()
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("ishoj", id: "ishoj")])
        let issued = invoices(await bench.events(6))
        XCTAssertEqual(issued.count, 6)
        XCTAssertEqual(issued.compactMap(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(issued.compactMap(\.netOre), [175_000_00, 175_000_00, 150_000_00, 150_000_00, 150_000_00, 150_000_00])
        XCTAssertEqual(issued.compactMap(\.grossOre).reduce(0, +), 1_187_500_00)
        XCTAssertEqual(issued.map { ($0.body["lines"] as? [[String: Any]])?.first?["lineId"] as? String },
                       ["rate-1", "rate-2", "rate-3", "rate-4", "rate-5", "rate-6"])
        XCTAssertEqual(Set(issued.compactMap { $0.body["orderReference"] as? String }), ["TF-ISHOJ-2022"])
        for event in issued {
            XCTAssertEqual(event.messageID, DocumentMessageID.of(series: bench.series, number: event.number ?? 0).uuidString.lowercased())
        }
        let validation = try bench.validate(issued.compactMap { $0.body["oioubl"] as? String })
        XCTAssertTrue(validation.passed, validation.output)
    }

    /// Seed 001: half at signing, nothing after three meetings (one reported twice), the second
    /// half after the fourth.
    func testHedenstedIsHalfAtSigningAndHalfAfterTheFourthMeeting() async throws {
        try await bench.startBilling()
        let contractId = bench.contractId("hedensted")
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("hedensted", id: "hedensted")])
        let signing = invoices(await bench.events(1))
        XCTAssertEqual(signing.compactMap(\.netOre), [87_500_00])
        XCTAssertTrue(signing.first?.body["orderReference"] is NSNull, "orderReference is null when the customer gave none")

        for (meeting, date) in [("m1", "2019-05-01"), ("m2", "2019-06-12"), ("m2", "2019-06-12"), ("m3", "2019-08-20")] {
            try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": meeting, "heldOn": date]])
        }
        let afterThree = await bench.events(1, settle: .seconds(2), timeout: .seconds(3))
        XCTAssertEqual(afterThree.count, 0, "nothing after three meetings: \(afterThree.map(\.type))")
        let value1 = try await bench.count("SELECT count(*) FROM meetings WHERE contract_id = $1", [contractId])
        XCTAssertEqual(value1, 3)

        try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": "m4", "heldOn": "2019-10-03"]])
        try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": "m5", "heldOn": "2019-12-03"]])
        let second = invoices(await bench.events(1))
        XCTAssertEqual(second.compactMap(\.netOre), [87_500_00])
        XCTAssertEqual(second.compactMap(\.number), [2])
        XCTAssertEqual((second.first?.body["lines"] as? [[String: Any]])?.first?["lineId"] as? String, "half-2")
    }

    /// Seed 004 §6: half when booked, the rest (with the odd øre) when held; a cancelled event's
    /// second half is refused; an extra is invoiced when delivered; a credit note credits a whole
    /// invoice once; faults are answered with billing.rejected.
    func testEventsExtrasCreditsAndRejections() async throws {
        try await bench.startBilling()
        let contractId = bench.contractId("events")
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("ishoj", id: "events") { $0["schedule"] = [] }])
        try await bench.publish(BillingEvents.eventBooked, [
            ["contractId": contractId, "eventId": "tcon", "title": "To Care or Not 2023", "priceOre": 7_500_001, "bookedOn": "2023-03-01"],
            ["contractId": contractId, "eventId": "fair", "title": "Jobmesse", "priceOre": 2_000_000, "bookedOn": "2023-03-02"],
        ])
        try await bench.publish(BillingEvents.eventHeld, [["contractId": contractId, "eventId": "tcon", "heldOn": "2023-05-10"]])
        try await bench.publish(BillingEvents.eventCancelled, [["contractId": contractId, "eventId": "fair"]])
        try await bench.publish(BillingEvents.eventHeld, [["contractId": contractId, "eventId": "fair", "heldOn": "2023-05-11"]])
        try await bench.publish(BillingEvents.extraDelivered, [[
            "contractId": contractId, "extraId": "talk-2", "description": "Yderligere oplæg af Peter Nørgaard",
            "amountOre": 1_000_000, "deliveredOn": "2023-06-01",
        ]])
        let first = await bench.events(5)
        let issued = invoices(first)
        XCTAssertEqual(issued.map { ($0.body["lines"] as? [[String: Any]])?.first?["lineId"] as? String },
                       ["tcon/booked", "fair/booked", "tcon/held", "talk-2"])
        XCTAssertEqual(issued.compactMap(\.netOre), [3_750_000, 1_000_000, 3_750_001, 1_000_000])
        let refused = first.filter { $0.type == BillingEvents.rejected }
        XCTAssertEqual(refused.flatMap { ($0.body["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }, ["event-cancelled"])

        // Credit the held half; crediting it again is refused.
        let creditedNumber = try XCTUnwrap(issued[2].number)
        try await bench.publish(BillingEvents.creditRequested, [["invoiceNumber": creditedNumber, "reason": "Forkert beløb"]])
        let credit = await bench.events(1).filter { $0.type == BillingEvents.creditNoteIssued }
        XCTAssertEqual(credit.count, 1)
        XCTAssertEqual(credit.first?.body["creditedInvoiceNumber"] as? Int, creditedNumber)
        XCTAssertEqual(credit.first?.number, 5)
        XCTAssertEqual(credit.first?.netOre, 3_750_001)
        try await bench.publish(BillingEvents.creditRequested, [["invoiceNumber": creditedNumber, "reason": "Igen"]])
        try await bench.publish(BillingEvents.creditRequested, [["invoiceNumber": 5, "reason": "En kreditnota"]])

        // Mileage on a contract that includes it, a meeting of an unknown contract, a bad contract.
        try await bench.publish(BillingEvents.mileageLogged, [["contractId": contractId, "tripId": "t1", "date": "2023-05-10", "km": 42.5, "purpose": "Møde"]])
        try await bench.publish(BillingEvents.meetingHeld, [["contractId": bench.contractId("nobody"), "meetingId": "m", "heldOn": "2023-05-10"]])
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("ishoj", id: "bad") { contract in
            var customer = contract["customer"] as! [String: Any]
            customer["ean"] = "123"
            contract["customer"] = customer
        }])
        let later = await bench.events(5).filter { $0.type == BillingEvents.rejected }
        let codes = later.flatMap { ($0.body["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
        XCTAssertEqual(Set(codes), ["already-credited", "not-an-invoice", "mileage-included", "unknown-contract", "invalid-ean"])

        let validation = try bench.validate((issued + credit).compactMap { $0.body["oioubl"] as? String })
        XCTAssertTrue(validation.passed, validation.output)
    }

    /// A revision replaces lines not invoiced; changing an invoiced line is refused until it is credited.
    func testARevisionMayNotChangeAnInvoicedLine() async throws {
        try await bench.startBilling()
        let contractId = bench.contractId("revised")
        let original = try bench.demoContract("hedensted", id: "revised")
        try await bench.publish(BillingEvents.contractRegistered, [original])
        let signing = invoices(await bench.events(1))
        XCTAssertEqual(signing.count, 1)
        var changed = original
        changed["revision"] = 2
        changed["schedule"] = [
            ["lineId": "half-1", "description": "Ændret", "amountOre": 9_000_000, "due": ["signed": true]],
            ["lineId": "half-2", "description": "Efter 2 møder", "amountOre": 8_500_000, "due": ["afterMeetings": 2]],
        ]
        try await bench.publish(BillingEvents.contractRegistered, [changed])
        let refused = await bench.events(1).filter { $0.type == BillingEvents.rejected }
        XCTAssertEqual((refused.first?.body["errors"] as? [[String: Any]])?.first?["code"] as? String, "line-invoiced")

        var uninvoicedOnly = original
        uninvoicedOnly["revision"] = 3
        uninvoicedOnly["schedule"] = [(original["schedule"] as! [Any])[0],
                                      ["lineId": "half-2", "description": "Efter 1 møde", "amountOre": 8_500_000, "due": ["afterMeetings": 1]]]
        try await bench.publish(BillingEvents.contractRegistered, [uninvoicedOnly])
        try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": "m1", "heldOn": "2019-05-01"]])
        let afterMeeting = invoices(await bench.events(1))
        XCTAssertEqual(afterMeeting.compactMap(\.netOre), [8_500_000])
        let value2 = try await bench.count("SELECT revision FROM contracts WHERE contract_id = $1", [contractId])
        XCTAssertEqual(value2, 3)

        // Credited, the line is not invoiced again by itself (another meeting), but a revision may change it.
        try await bench.publish(BillingEvents.creditRequested, [["invoiceNumber": 1, "reason": "Forkert beløb"]])
        try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": "m2", "heldOn": "2019-06-01"]])
        let credit = await bench.events(1, settle: .seconds(1))
        XCTAssertEqual(credit.map(\.type), [BillingEvents.creditNoteIssued])
        var corrected = uninvoicedOnly
        corrected["revision"] = 4
        corrected["schedule"] = [
            ["lineId": "half-1", "description": "Ændret efter kreditering", "amountOre": 9_000_000, "due": ["signed": true]],
            (uninvoicedOnly["schedule"] as! [Any])[1],
        ]
        try await bench.publish(BillingEvents.contractRegistered, [corrected])
        let reissued = invoices(await bench.events(1))
        XCTAssertEqual(reissued.compactMap(\.netOre), [9_000_000])
        XCTAssertEqual(reissued.compactMap(\.number), [4])
    }

    /// The same message delivered twice, and the same contract sent again, issue nothing twice.
    func testARedeliveredMessageIssuesNothingTwice() async throws {
        try await bench.startBilling()
        let contract = try bench.simpleContract(id: "twice")
        let messageID = UUID()
        try await bench.publish(BillingEvents.contractRegistered, [contract], messageID: messageID)
        try await bench.publish(BillingEvents.contractRegistered, [contract], messageID: messageID)
        try await bench.publish(BillingEvents.contractRegistered, [contract])
        let issued = invoices(await bench.events(1, settle: .seconds(2)))
        XCTAssertEqual(issued.count, 1)
        let value3 = try await bench.numbers()
        XCTAssertEqual(value3, [1])
    }

    /// Issued documents cannot be changed or deleted, not even by billing's own role.
    func testIssuedDocumentsAreImmutable() async throws {
        try await bench.startBilling()
        try await bench.publish(BillingEvents.contractRegistered, [try bench.simpleContract(id: "immutable")])
        _ = await bench.events(1)
        for statement in [
            "UPDATE documents SET gross_ore = 0 WHERE series = $1",
            "DELETE FROM documents WHERE series = $1",
        ] {
            do {
                _ = try await bench.database.withConnection { [series = bench.series] in try $0.execute(statement, [series]) }
                XCTFail("\(statement) was allowed")
            } catch {
                XCTAssertTrue("\(error)".contains("42501"), "\(error)")
            }
        }
        let value4 = try await bench.numbers()
        XCTAssertEqual(value4, [1])
    }

    /// Issue 18, fault 7: a contract signed on 0000-01-01 is refused with a field error and a
    /// `billing.rejected` event (it was a database range error, "handler failed: SQLSTATE 22008").
    func testAContractSignedInYearZeroIsRefusedWithAFieldError() async throws {
        let billing = try await bench.startBilling()
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("ishoj", id: "year-0") { $0["signedOn"] = "0000-01-01" }])
        let received = await bench.events(1)
        let rejected = try XCTUnwrap(received.first { $0.type == BillingEvents.rejected }, "\(received.map(\.type))")
        XCTAssertEqual(rejected.body["contractId"] as? String, bench.contractId("year-0"))
        let errors = rejected.body["errors"] as? [[String: Any]] ?? []
        XCTAssertEqual(errors.map { "\($0["field"] as? String ?? "") \($0["code"] as? String ?? "")" }, ["signedOn too-early"])
        XCTAssertEqual(errors.first?["message"] as? String, "must not be before 2000-01-01")
        let stored = try await bench.count("SELECT count(*) FROM contracts WHERE contract_id = $1", [bench.contractId("year-0")])
        XCTAssertEqual(stored, 0)
        XCTAssertTrue(billing.isRunning)
    }

    /// A refused message is dead-lettered to billing.dead with the reason (fields and codes, no values).
    func testARefusedMessageIsDeadLettered() async throws {
        let dead = try EventObserver(
            stack: bench.stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: [BillingEvents.service],
            logger: bench.logger)
        await dead.start()
        try await bench.startBilling()
        let messageID = UUID()
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("ishoj", id: "dead") { contract in
            contract["mileage"] = "free"
            contract["signedOn"] = nil
        }], messageID: messageID)
        var reason: String?
        let deadline = ContinuousClock.now + .seconds(20)
        while reason == nil, ContinuousClock.now < deadline {
            for delivery in await dead.collect(1, timeout: .milliseconds(300))
            where delivery.properties.messageID == messageID.uuidString.lowercased() {
                reason = delivery.properties.headers["x-spotjob-reason"]?.stringValue
            }
        }
        await dead.close()
        XCTAssertEqual(reason, "rejected: signedOn required, mileage unknown-mileage")
        let kept = try await bench.count("SELECT count(*) FROM rejected_messages WHERE message_id = $1", [messageID])
        XCTAssertEqual(kept, 1)
    }
}
