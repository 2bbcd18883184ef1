import Contracts
import Foundation
import XCTest

/// `deploy/rabbitmq/topology.tsv` binds billing's queue to exactly what billing consumes, and billing
/// staff's queue to both announcements.
final class BillingTopologyTests: XCTestCase {
    private func line(_ kind: String, _ queue: String) throws -> [String] {
        let text = try String(contentsOf: BillingFixtures.packageRoot.appendingPathComponent("deploy/rabbitmq/topology.tsv"), encoding: .utf8)
        let fields = text.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
            .first { $0.count == 3 && $0[0] == kind && $0[1] == queue }
        return try XCTUnwrap(fields, "no `\(kind)\t\(queue)` line").last!.split(separator: ",").map(String.init)
    }

    func testBillingsQueueIsBoundToWhatItConsumes() throws {
        XCTAssertEqual(try line("service", BillingEvents.service), BillingEvents.consumed)
    }

    func testBillingStaffsQueueCarriesInvoicesAndCreditNotes() throws {
        XCTAssertEqual(Set(try line("queue", BillingEvents.invoicesQueue)), [BillingEvents.invoiceIssued, BillingEvents.creditNoteIssued])
    }
}
