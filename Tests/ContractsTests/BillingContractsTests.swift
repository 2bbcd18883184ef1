import BodyReading
import Contracts
import Foundation
import JSON
import XCTest

/// Billing's routing keys and bodies are the ones `docs/messages.md` documents.
extension ContractsDocumentationTests {
    private var document: DocumentIssuedPayload { DocumentIssuedPayload(
        invoiceNumber: 7, kind: "invoice", contractId: "c", customer: .init(name: "Ishøj Kommune", cvr: "11931316", ean: "5798000000001"),
        issueDate: "2026-12-04", dueDate: "2027-01-03",
        lines: [.init(lineId: "rate-1", description: "d", quantity: "1", unitCode: "EA", unitPriceOre: 100, amountOre: 100)],
        netOre: 100, vatOre: 25, grossOre: 125, currency: "DKK", orderReference: nil, creditedInvoiceNumber: nil, oioubl: "<Invoice/>") }

    func testEveryBillingRoutingKeyIsDocumented() {
        for key in BillingEvents.consumed + BillingEvents.emitted {
            XCTAssertNotNil(section(key), "docs/messages.md has no section for \(key)")
        }
    }

    func testEveryFieldOfAnIssuedDocumentIsDocumented() throws {
        var credit = document
        credit.kind = "credit-note"
        credit.creditedInvoiceNumber = 6
        let documented = try XCTUnwrap(section(BillingEvents.invoiceIssued))
        for key in try keys(of: credit).union(["lineId", "quantity", "unitCode", "unitPriceOre", "amountOre"]) {
            let name = key.split(separator: ".").last.map(String.init) ?? key
            XCTAssertTrue(documented.contains("`\(name)`"), "invoice.issued does not document \(key)")
        }
    }

    func testEveryFieldOfARejectionIsDocumented() throws {
        let rejected = RejectedPayload(
            messageId: UUID(), routingKey: BillingEvents.contractRegistered,
            rejection: Rejection(subject: "c", errors: [FieldError(field: "f", code: .required, message: "m")]),
            receivedAt: Date(), subjectField: .contractId)
        let documented = try XCTUnwrap(section(BillingEvents.rejected))
        for key in try keys(of: rejected) {
            XCTAssertTrue(documented.contains("`\(key)`"), "billing.rejected does not document \(key)")
        }
    }

    func testOrderReferenceIsNullWhenAbsentAndCreditedNumberOnlyInCreditNotes() throws {
        let text = String(decoding: try JSONCoding.encoder.encode(document), as: UTF8.self)
        XCTAssertTrue(text.contains(#""orderReference":null"#), text)
        XCTAssertFalse(text.contains("creditedInvoiceNumber"))
    }
}
