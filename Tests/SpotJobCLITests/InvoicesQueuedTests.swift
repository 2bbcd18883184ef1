@testable import SpotJobCLI
import AMQPClient
import Contracts
import JSON
import XCTest

/// `spotjob invoices queued`: billing staff's queue read as `billing-staff`, issued documents only.
final class InvoicesQueuedTests: XCTestCase {
    private let document = DocumentIssuedPayload(
        invoiceNumber: 7, kind: "invoice", contractId: "hedensted-taskforce-2019",
        customer: .init(name: "Hedensted Kommune", cvr: "29189447", ean: "5798000000002"), issueDate: "2026-12-04", dueDate: "2027-01-03",
        lines: [.init(lineId: "meeting-1", description: "d", quantity: "1", unitCode: "EA", unitPriceOre: 100, amountOre: 100)],
        netOre: 100, vatOre: 25, grossOre: 125, currency: "DKK", orderReference: nil, creditedInvoiceNumber: nil, oioubl: "<Invoice/>")

    private func delivery(_ type: String, _ body: [UInt8]) -> Delivery {
        Delivery(deliveryTag: 1, generation: 1, exchange: "spotjob", routingKey: type, redelivered: false, body: body,
                 properties: AMQPMessageProperties(type: type))
    }

    func testAnIssuedDocumentIsReadWhole() throws {
        let read = try XCTUnwrap(InvoicesCommand.Queued.document(delivery(BillingEvents.invoiceIssued, try JSONCoding.encoder.encode(document))))
        XCTAssertEqual(read.type, BillingEvents.invoiceIssued)
        XCTAssertEqual(read.payload, document)
    }

    func testOtherMessagesAreNotDocuments() throws {
        XCTAssertNil(InvoicesCommand.Queued.document(delivery(BillingEvents.rejected, try JSONCoding.encoder.encode(document))))
        XCTAssertNil(InvoicesCommand.Queued.document(delivery(BillingEvents.invoiceIssued, Array("{}".utf8))))
    }

    func testItReadsAsBillingStaff() {
        XCTAssertEqual(BrokerOptions.User.billingStaff.variables.first, "BILLING_STAFF_AMQP_URL")
    }
}
