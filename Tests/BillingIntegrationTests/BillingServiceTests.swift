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
        let received = try await bench.events(6)
        let issued = invoices(received)
        XCTAssertEqual(issued.count, 6)
        XCTAssertEqual(issued.map(\.invoiceNumber), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(issued.map(\.netOre), [175_000_00, 175_000_00, 150_000_00, 150_000_00, 150_000_00, 150_000_00])
        XCTAssertEqual(issued.map(\.grossOre).reduce(0, +), 1_187_500_00)
        XCTAssertEqual(issued.map { $0.lines.first?.lineId }, ["rate-1", "rate-2", "rate-3", "rate-4", "rate-5", "rate-6"])
        XCTAssertEqual(issued.map(\.orderReference), [String?](repeating: "TF-ISHOJ-2022", count: 6))
        for event in received where event.routingKey == BillingEvents.invoiceIssued {
            let number = try XCTUnwrap(event.document?.invoiceNumber)
            XCTAssertEqual(event.messageID.flatMap(UUID.init(uuidString:)), DocumentMessageID.of(series: bench.series, number: number))
        }
        let validation = try bench.validate(issued.map(\.oioubl))
        XCTAssertTrue(validation.passed, validation.output)
    }

    /// Seed 001: half at signing, nothing after three meetings (one reported twice), the second
    /// half after the fourth.
    func testHedenstedIsHalfAtSigningAndHalfAfterTheFourthMeeting() async throws {
        try await bench.startBilling()
        let contractId = bench.contractId("hedensted")
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("hedensted", id: "hedensted")])
        let signingEvents = try await bench.events(1)
        let signing = invoices(signingEvents)
        XCTAssertEqual(signing.map(\.netOre), [87_500_00])
        XCTAssertEqual(signing.map(\.orderReference), [nil], "no orderReference when the customer gave none")
        XCTAssertEqual(signingEvents.map { $0.memberNames.contains("orderReference") }, [true], "orderReference is written, as null")

        for (meeting, date) in [("m1", "2019-05-01"), ("m2", "2019-06-12"), ("m2", "2019-06-12"), ("m3", "2019-08-20")] {
            try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": meeting, "heldOn": date]])
        }
        let afterThree = try await bench.events(1, settle: .seconds(2), timeout: .seconds(3))
        XCTAssertEqual(afterThree.count, 0, "nothing after three meetings: \(afterThree.map(\.routingKey))")
        let value1 = try await bench.count("SELECT count(*) FROM meetings WHERE contract_id = $1", [contractId])
        XCTAssertEqual(value1, 3)

        try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": "m4", "heldOn": "2019-10-03"]])
        try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": "m5", "heldOn": "2019-12-03"]])
        let second = invoices(try await bench.events(1))
        XCTAssertEqual(second.map(\.netOre), [87_500_00])
        XCTAssertEqual(second.map(\.invoiceNumber), [2])
        XCTAssertEqual(second.first?.lines.first?.lineId, "half-2")
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
        let first = try await bench.events(5)
        let issued = invoices(first)
        XCTAssertEqual(issued.map { $0.lines.first?.lineId }, ["tcon/booked", "fair/booked", "tcon/held", "talk-2"])
        XCTAssertEqual(issued.map(\.netOre), [3_750_000, 1_000_000, 3_750_001, 1_000_000])
        let refused = first.compactMap(\.rejected)
        XCTAssertEqual(refused.flatMap { $0.errors.map(\.code.rawValue) }, ["event-cancelled"])

        // Credit the held half; crediting it again is refused.
        guard issued.count == 4 else { return XCTFail("four invoices: \(issued.map(\.invoiceNumber))") }
        let creditedNumber = issued[2].invoiceNumber
        try await bench.publish(BillingEvents.creditRequested, [["invoiceNumber": creditedNumber, "reason": "Forkert beløb"]])
        let credit = try await bench.events(1).filter { $0.routingKey == BillingEvents.creditNoteIssued }.compactMap(\.document)
        XCTAssertEqual(credit.count, 1)
        XCTAssertEqual(credit.first?.creditedInvoiceNumber, creditedNumber)
        XCTAssertEqual(credit.first?.kind, "credit-note")
        XCTAssertEqual(credit.first?.invoiceNumber, 5)
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
        let later = try await bench.events(5).compactMap(\.rejected)
        let codes = later.flatMap { $0.errors.map(\.code.rawValue) }
        XCTAssertEqual(codes.count, 5)
        XCTAssertEqual(Set(codes), ["already-credited", "not-an-invoice", "mileage-included", "unknown-contract", "invalid-ean"])

        let validation = try bench.validate((issued + credit).map(\.oioubl))
        XCTAssertTrue(validation.passed, validation.output)
    }

    /// A revision replaces lines not invoiced; changing an invoiced line is refused until it is credited.
    func testARevisionMayNotChangeAnInvoicedLine() async throws {
        try await bench.startBilling()
        let contractId = bench.contractId("revised")
        let original = try bench.demoContract("hedensted", id: "revised")
        try await bench.publish(BillingEvents.contractRegistered, [original])
        let signing = invoices(try await bench.events(1))
        XCTAssertEqual(signing.count, 1)
        var changed = original
        changed["revision"] = 2
        changed["schedule"] = [
            ["lineId": "half-1", "description": "Ændret", "amountOre": 9_000_000, "due": ["signed": true]],
            ["lineId": "half-2", "description": "Efter 2 møder", "amountOre": 8_500_000, "due": ["afterMeetings": 2]],
        ]
        try await bench.publish(BillingEvents.contractRegistered, [changed])
        let refused = try await bench.events(1).compactMap(\.rejected)
        XCTAssertEqual(refused.map { $0.errors.map(\.code.rawValue) }, [["line-invoiced"]])
        XCTAssertEqual(refused.first?.contractId, contractId)

        var uninvoicedOnly = original
        uninvoicedOnly["revision"] = 3
        uninvoicedOnly["schedule"] = [(original["schedule"] as! [Any])[0],
                                      ["lineId": "half-2", "description": "Efter 1 møde", "amountOre": 8_500_000, "due": ["afterMeetings": 1]]]
        try await bench.publish(BillingEvents.contractRegistered, [uninvoicedOnly])
        try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": "m1", "heldOn": "2019-05-01"]])
        let afterMeeting = invoices(try await bench.events(1))
        XCTAssertEqual(afterMeeting.map(\.netOre), [8_500_000])
        let value2 = try await bench.count("SELECT revision FROM contracts WHERE contract_id = $1", [contractId])
        XCTAssertEqual(value2, 3)

        // Credited, the line is not invoiced again by itself (another meeting), but a revision may change it.
        try await bench.publish(BillingEvents.creditRequested, [["invoiceNumber": 1, "reason": "Forkert beløb"]])
        try await bench.publish(BillingEvents.meetingHeld, [["contractId": contractId, "meetingId": "m2", "heldOn": "2019-06-01"]])
        let credit = try await bench.events(1, settle: .seconds(1))
        XCTAssertEqual(credit.map(\.routingKey), [BillingEvents.creditNoteIssued])
        XCTAssertEqual(credit.map { $0.document?.creditedInvoiceNumber }, [1])
        var corrected = uninvoicedOnly
        corrected["revision"] = 4
        corrected["schedule"] = [
            ["lineId": "half-1", "description": "Ændret efter kreditering", "amountOre": 9_000_000, "due": ["signed": true]],
            (uninvoicedOnly["schedule"] as! [Any])[1],
        ]
        try await bench.publish(BillingEvents.contractRegistered, [corrected])
        let reissued = invoices(try await bench.events(1))
        XCTAssertEqual(reissued.map(\.netOre), [9_000_000])
        XCTAssertEqual(reissued.map(\.invoiceNumber), [4])
    }

    /// The same message delivered twice, and the same contract sent again, issue nothing twice.
    func testARedeliveredMessageIssuesNothingTwice() async throws {
        try await bench.startBilling()
        let contract = try bench.simpleContract(id: "twice")
        let messageID = UUID()
        try await bench.publish(BillingEvents.contractRegistered, [contract], messageID: messageID)
        try await bench.publish(BillingEvents.contractRegistered, [contract], messageID: messageID)
        try await bench.publish(BillingEvents.contractRegistered, [contract])
        let issued = invoices(try await bench.events(1, settle: .seconds(2)))
        XCTAssertEqual(issued.count, 1)
        let value3 = try await bench.numbers()
        XCTAssertEqual(value3, [1])
    }

    /// Issued documents cannot be changed or deleted, not even by billing's own role.
    func testIssuedDocumentsAreImmutable() async throws {
        try await bench.startBilling()
        try await bench.publish(BillingEvents.contractRegistered, [try bench.simpleContract(id: "immutable")])
        _ = try await bench.events(1)
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
        let received = try await bench.events(1)
        let rejected = try XCTUnwrap(received.first?.rejected, "\(received.map(\.routingKey))")
        XCTAssertEqual(rejected.contractId, bench.contractId("year-0"))
        XCTAssertEqual(rejected.errors.map { "\($0.field) \($0.code)" }, ["signedOn too-early"])
        XCTAssertEqual(rejected.errors.first?.message, "must not be before 2000-01-01")
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
            where delivery.properties.messageID.flatMap(UUID.init(uuidString:)) == messageID {
                reason = delivery.properties.headers["x-spotjob-reason"]?.stringValue
            }
        }
        await dead.close()
        XCTAssertEqual(reason, "rejected: signedOn required, mileage unknown-mileage")
        let kept = try await bench.count("SELECT count(*) FROM rejected_messages WHERE message_id = $1", [messageID])
        XCTAssertEqual(kept, 1)
    }
}
