import AMQPClient
import Contracts
import Foundation
import Messaging
import TestSupport
import XCTest

/// Gapless numbering under crashes and competing replicas, and billing staff's read-only queue.
final class NumberingTests: BillingIntegrationTestCase {
    /// Two billing processes issue 1,000 invoices at once: numbers 1…1000, no gap, no duplicate,
    /// one invoice per contract.
    func testTwoReplicasIssue1000InvoicesWithConsecutiveNumbers() async throws {
        try await bench.startBilling()
        try await bench.startBilling()
        let contracts = try (1...1000).map { try bench.simpleContract(id: "r\($0)", amountOre: 1000 + $0) }
        for chunk in stride(from: 0, to: contracts.count, by: 100) {
            try await bench.publish(BillingEvents.contractRegistered, Array(contracts[chunk..<chunk + 100]))
        }
        let numbers = try await bench.waitForDocuments(1000)
        XCTAssertEqual(numbers, Array(1...1000))
        let contractsInvoiced = try await bench.count(
            "SELECT count(DISTINCT contract_id) FROM documents WHERE series = $1", [bench.series])
        XCTAssertEqual(contractsInvoiced, 1000)
        let announced = try await bench.events(1000, settle: .seconds(1))
        XCTAssertEqual(Set(announced.compactMap { $0.document?.invoiceNumber }), Set(1...1000))
    }

    /// kill -9 while issuing: after a restart, the numbers are still 1…N without a gap, and every
    /// invoice is announced (the outbox sweep publishes what the crash left).
    func testKill9WhileIssuingLeavesNoGapAndLosesNoAnnouncement() async throws {
        let total = 600
        let contracts = try (1...total).map { try bench.simpleContract(id: "k\($0)") }
        let first = try await bench.startBilling()
        for chunk in stride(from: 0, to: contracts.count, by: 100) {
            try await bench.publish(BillingEvents.contractRegistered, Array(contracts[chunk..<chunk + 100]))
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await bench.numbers().count >= 50 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        await first.stop(signal: SIGKILL)
        let atKill = try await bench.numbers().count
        XCTAssertLessThan(atKill, total, "killed before everything was issued")

        try await bench.startBilling()
        let numbers = try await bench.waitForDocuments(total)
        XCTAssertEqual(numbers, Array(1...total))
        let announced = try await bench.events(total, settle: .seconds(2), timeout: .seconds(90))
        let issued = announced.filter { $0.routingKey == BillingEvents.invoiceIssued }
        XCTAssertEqual(Set(issued.compactMap { $0.document?.invoiceNumber }), Set(1...total), "every invoice is announced")
        // A copy published twice has the same message id.
        var idsByNumber: [Int: Set<UUID?>] = [:]
        for event in issued {
            if let number = event.document?.invoiceNumber { idsByNumber[number, default: []].insert(event.messageID.flatMap(UUID.init(uuidString:))) }
        }
        XCTAssertEqual(idsByNumber.filter { $0.value.count != 1 || $0.value.contains(nil) }.keys.sorted(), [], "one message id per invoice")
    }

    /// Billing staff read the invoice queue (invoices arrive there) and cannot publish.
    func testBillingStaffReadTheInvoiceQueueAndCannotPublish() async throws {
        let admin = AMQPInspector(configuration: try AMQPConfiguration(url: bench.stack.adminAMQPURL))
        _ = try await admin.purge(queue: BillingEvents.invoicesQueue)
        await admin.close()
        try await bench.startBilling()
        try await bench.publish(BillingEvents.contractRegistered, [try bench.simpleContract(id: "staff")])
        _ = try await bench.events(1)

        let staff = try AMQPConfiguration(url: bench.stack.billingStaffAMQPURL)
        let consumer = AMQPConsumer(configuration: staff, queue: BillingEvents.invoicesQueue, logger: bench.logger)
        var mine: [Delivery] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while mine.isEmpty, ContinuousClock.now < deadline {
            for delivery in await consumer.next(maxCount: 100, timeout: .milliseconds(300)) {
                await consumer.ack(delivery)
                if String(decoding: delivery.body, as: UTF8.self).contains(bench.contractId("staff")) { mine.append(delivery) }
            }
        }
        await consumer.close()
        XCTAssertEqual(mine.map(\.routingKey), [BillingEvents.invoiceIssued])

        let publisher = AMQPPublisher(configuration: staff, logger: bench.logger)
        do {
            try await publisher.publish(OutgoingMessage(exchange: SpotJobTopology.exchange, routingKey: BillingEvents.creditRequested, body: []))
            XCTFail("billing staff could publish")
        } catch {
            XCTAssertTrue(error.isAccessRefused, "\(error)")
        }
        await publisher.close()
    }
}
