import AMQPClient
import Contracts
import Foundation
import Messaging
import TestSupport
import XCTest

/// `spotjob invoices reannounce` (issue 18, fault 6): billing staff may purge `billing.invoices`; the
/// administrator announces the documents again, under the message ids billing first announced them
/// with, so a consumer that keeps message ids applies nothing twice.
final class ReannounceTests: BillingIntegrationTestCase {
    /// What a queued announcement is compared by.
    private struct Announcement: Hashable {
        var messageID: String?
        var routingKey: String
        var body: [UInt8]
    }

    func testReannouncingAfterAPurgePutsTheDocumentsBackUnderTheirMessageIDs() async throws {
        let admin = AMQPInspector(configuration: try AMQPConfiguration(url: bench.stack.adminAMQPURL))
        defer { Task { await admin.close() } }
        _ = try await admin.purge(queue: BillingEvents.invoicesQueue)
        try await bench.startBilling()
        try await bench.publish(BillingEvents.contractRegistered, [try bench.simpleContract(id: "reannounce")])
        let issued = try await bench.waitForDocuments(1)
        let invoiceNumber = try XCTUnwrap(issued.first)
        try await bench.publish(BillingEvents.creditRequested, [["invoiceNumber": invoiceNumber, "reason": "Forkert beløb"]])
        let numbers = try await bench.waitForDocuments(2)
        XCTAssertEqual(numbers.count, 2, "an invoice and its credit note")
        try await waitForQueued(2, admin)
        let announced = try await queued()
        XCTAssertEqual(announced.map(\.routingKey).sorted(), [BillingEvents.creditNoteIssued, BillingEvents.invoiceIssued])

        // Billing staff can purge their queue: the announcements are gone, the documents stay in billing.
        let staff = AMQPInspector(configuration: try AMQPConfiguration(url: bench.stack.billingStaffAMQPURL))
        let purged = try await staff.purge(queue: BillingEvents.invoicesQueue)
        await staff.close()
        XCTAssertEqual(purged, 2)

        let firstIssueDate = try await bench.database.withConnection { [series = bench.series] in
            try $0.query("SELECT min(issue_date)::text FROM documents WHERE series = $1", [series]).first?.decode(String.self, at: 0)
        }
        let issueDate = try XCTUnwrap(firstIssueDate)
        let first = try reannounce(since: issueDate)
        XCTAssertEqual(first["announced"] as? Int, 2, "\(first)")
        XCTAssertEqual(first["invoices"] as? Int, 1)
        XCTAssertEqual(first["creditNotes"] as? Int, 1)
        try await waitForQueued(2, admin)
        let again = try await queued()
        XCTAssertEqual(Set(again), Set(announced), "the same message ids, routing keys and bodies as billing's own announcements")
        XCTAssertEqual(again.count, 2)

        // A second run adds copies under the same ids, nothing under a new one.
        _ = try reannounce(since: issueDate)
        try await waitForQueued(4, admin)
        let twice = try await queued()
        XCTAssertEqual(twice.count, 4)
        XCTAssertEqual(Set(twice), Set(announced))
        XCTAssertEqual(Dictionary(grouping: twice.compactMap(\.messageID), by: { $0 }).mapValues(\.count),
                       Dictionary(uniqueKeysWithValues: announced.compactMap(\.messageID).map { ($0, 2) }))

        // Documents issued before --since are not announced.
        let nextDay = try await bench.database.withConnection {
            try $0.query("SELECT ($1::date + 1)::text", [issueDate]).first?.decode(String.self, at: 0)
        }
        let dayAfter = try XCTUnwrap(nextDay)
        XCTAssertEqual(try reannounce(since: dayAfter)["announced"] as? Int, 0)
    }

    /// Runs `spotjob invoices reannounce --since DATE --json` on this test's series, as an operator
    /// would (billing's database role, the broker administrator), and returns its JSON report.
    private func reannounce(since date: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = ServiceProcess.buildDirectory.appendingPathComponent("spotjob")
        process.arguments = ["invoices", "reannounce", "--since", date, "--series", bench.series, "--json"]
        process.environment = ProcessInfo.processInfo.environment.merging(ServiceProcess.billingFiles.merging([
            "BILLING_DATABASE_URL": bench.stack.databaseURL(service: BillingEvents.service),
            "SPOTJOB_ADMIN_AMQP_URL": bench.stack.adminAMQPURL,
        ]) { $1 }) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, String(decoding: printed, as: UTF8.self))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: printed) as? [String: Any], String(decoding: printed, as: UTF8.self))
    }

    /// Waits until `billing.invoices` holds `count` ready messages.
    private func waitForQueued(_ count: Int, _ admin: AMQPInspector) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        var held = try await admin.messageCount(queue: BillingEvents.invoicesQueue)
        while held < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            held = try await admin.messageCount(queue: BillingEvents.invoicesQueue)
        }
        XCTAssertEqual(held, count, "messages in \(BillingEvents.invoicesQueue)")
    }

    /// What `billing.invoices` holds, read as billing staff and left there (nothing acknowledged).
    private func queued() async throws -> [Announcement] {
        let consumer = AMQPConsumer(
            configuration: try AMQPConfiguration(url: bench.stack.billingStaffAMQPURL), queue: BillingEvents.invoicesQueue, prefetch: 100,
            logger: bench.logger)
        var deliveries: [Delivery] = []
        while true {
            let batch = await consumer.next(maxCount: 100, timeout: .seconds(1))
            if batch.isEmpty { break }
            deliveries += batch
        }
        await consumer.close()
        return deliveries.map { Announcement(messageID: $0.properties.messageID, routingKey: $0.routingKey, body: $0.body) }
    }
}
