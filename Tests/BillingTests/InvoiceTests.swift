import Billing
import Domain
import XCTest

final class InvoiceTests: XCTestCase {
    private func invoice(number: Int = 7, lines: [InvoiceLine]? = nil, terms: Int = 30) throws -> Invoice {
        try Invoice.invoice(
            number: number, issueDate: BillingFixtures.date("2025-02-03"), paymentTermsDays: terms,
            customer: try BillingFixtures.ishoj(), supplier: try BillingFixtures.supplier(),
            lines: lines ?? [.single(lineId: "1", description: "Task Force Ishøj, februar 2025", price: Money(kroner: 150_000))]
        )
    }

    func testAnInvoiceIsNumberedDatedAndTotalled() throws {
        let invoice = try invoice()
        XCTAssertEqual(invoice.number, 7)
        XCTAssertEqual(invoice.kind, .invoice)
        XCTAssertEqual(invoice.kind.rawValue, "invoice")
        XCTAssertEqual(invoice.dueDate.description, "2025-03-05")
        XCTAssertEqual(invoice.totals.net, Money(kroner: 150_000))
        XCTAssertEqual(invoice.totals.vat, Money(kroner: 37_500))
        XCTAssertEqual(invoice.totals.gross, Money(kroner: 187_500))
        XCTAssertNil(invoice.creditedInvoiceNumber)
        XCTAssertEqual(Invoice.currency, "DKK")
    }

    func testVATIsComputedOnceOnTheNetTotal() throws {
        // Three lines of 0.02 kr: line by line the VAT would be 3 × 0.01; on the total 0.06 it is 0.02 (0.015 half up).
        let lines = (1...3).map { InvoiceLine.single(lineId: "\($0)", description: "x", price: Money(ore: 2)) }
        let totals = try invoice(lines: lines).totals
        XCTAssertEqual([totals.net, totals.vat, totals.gross], [Money(ore: 6), Money(ore: 2), Money(ore: 8)])
    }

    func testACreditNoteCreditsTheWholeInvoiceAndTakesALaterNumber() throws {
        let original = try invoice()
        let credit = try Invoice.creditNote(number: 8, issueDate: BillingFixtures.date("2025-02-10"), crediting: original)
        XCTAssertEqual(credit.kind, .creditNote)
        XCTAssertEqual(credit.kind.rawValue, "credit-note")
        XCTAssertEqual(credit.creditedInvoiceNumber, 7)
        XCTAssertEqual(credit.lines, original.lines)
        XCTAssertEqual(credit.totals, original.totals)
        XCTAssertEqual(credit.customer, original.customer)
        XCTAssertEqual(credit.dueDate, credit.issueDate)
    }

    func testACreditNoteRefusesWhatIsNotACredit() throws {
        let original = try invoice()
        let day = BillingFixtures.date("2025-02-10")
        XCTAssertThrowsError(try Invoice.creditNote(number: 7, issueDate: day, crediting: original)) {
            XCTAssertEqual($0 as? InvoiceError, .creditNoteNumberNotAfterInvoice(creditNote: 7, invoice: 7))
        }
        XCTAssertThrowsError(try Invoice.creditNote(number: 8, issueDate: BillingFixtures.date("2025-02-02"), crediting: original)) {
            XCTAssertEqual($0 as? InvoiceError, .issuedBeforeInvoice(original.issueDate))
        }
        let credit = try Invoice.creditNote(number: 8, issueDate: day, crediting: original)
        XCTAssertThrowsError(try Invoice.creditNote(number: 9, issueDate: day, crediting: credit)) {
            XCTAssertEqual($0 as? InvoiceError, .notAnInvoice(8))
        }
    }

    func testAnInvoiceRefusesInconsistentContent() throws {
        let line = InvoiceLine.single(lineId: "1", description: "x", price: Money(ore: 100))
        let cases: [(() throws -> Invoice, InvoiceError)] = [
            ({ try self.invoice(number: 0) }, .numberNotPositive(0)),
            ({ try self.invoice(terms: -1) }, .paymentTermsOutOfRange(-1)),
            ({ try self.invoice(lines: []) }, .noLines),
            ({ try self.invoice(lines: [line, line]) }, .duplicateLineId("1")),
            ({ try self.invoice(lines: [.single(lineId: "1", description: "x", price: Money(ore: -100))]) }, .lineNotAPositiveCharge("1")),
        ]
        for (make, expected) in cases {
            XCTAssertThrowsError(try make()) { XCTAssertEqual($0 as? InvoiceError, expected) }
        }
    }
}
