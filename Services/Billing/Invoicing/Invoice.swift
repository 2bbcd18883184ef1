import Chronology
import Domain

/// An issued invoice or credit note, complete and consistent: numbered, dated, addressed, its
/// lines and totals. What the OIOUBL document (``OIOUBLWriter``) and the `invoice.issued` /
/// `credit-note.issued` events are made from.
///
/// Made with ``invoice(number:issueDate:paymentTermsDays:customer:supplier:lines:)`` or, for a
/// credit note, ``creditNote(number:issueDate:crediting:)``. Amounts are positive in both kinds:
/// the kind says which way the money goes.
public struct Invoice: Sendable, Hashable {
    /// The number in the one gapless series shared by invoices and credit notes.
    public let number: Int
    public let kind: InvoiceKind
    /// The Copenhagen date the document was issued.
    public let issueDate: CivilDate
    public let paymentTermsDays: Int
    public let customer: Customer
    public let supplier: Supplier
    public let lines: [InvoiceLine]
    public let totals: InvoiceTotals
    /// For a credit note, the number of the invoice it credits in full; `nil` for an invoice.
    public let creditedInvoiceNumber: Int?

    /// The currency of every amount: Danish kroner.
    public static let currency = "DKK"

    /// ``issueDate`` plus ``paymentTermsDays``.
    public var dueDate: CivilDate { issueDate.advanced(by: paymentTermsDays) }

    /// An invoice of `lines`, due `paymentTermsDays` after `issueDate`.
    ///
    /// - Throws: an ``InvoiceError`` if the number or terms are out of range, there are no
    ///   lines, two lines share an id, or a line is not a positive charge.
    public static func invoice(
        number: Int, issueDate: CivilDate, paymentTermsDays: Int,
        customer: Customer, supplier: Supplier, lines: [InvoiceLine]
    ) throws(InvoiceError) -> Invoice {
        try Invoice(
            number: number, kind: .invoice, issueDate: issueDate, paymentTermsDays: paymentTermsDays,
            customer: customer, supplier: supplier, lines: lines, creditedInvoiceNumber: nil
        )
    }

    /// A credit note that takes back the whole of `invoice`: the same customer, supplier, lines
    /// and totals (positive), referring to its number. A credit note is not paid, so its due
    /// date is its issue date.
    ///
    /// - Throws: ``InvoiceError/notAnInvoice(_:)`` when `invoice` is itself a credit note,
    ///   ``InvoiceError/creditNoteNumberNotAfterInvoice(creditNote:invoice:)`` unless `number`
    ///   comes after the invoice's, ``InvoiceError/issuedBeforeInvoice(_:)`` if `issueDate` is
    ///   earlier than the invoice's.
    public static func creditNote(number: Int, issueDate: CivilDate, crediting invoice: Invoice) throws(InvoiceError) -> Invoice {
        guard invoice.kind == .invoice else { throw .notAnInvoice(invoice.number) }
        guard number > invoice.number else { throw .creditNoteNumberNotAfterInvoice(creditNote: number, invoice: invoice.number) }
        guard issueDate >= invoice.issueDate else { throw .issuedBeforeInvoice(invoice.issueDate) }
        return try Invoice(
            number: number, kind: .creditNote, issueDate: issueDate, paymentTermsDays: 0,
            customer: invoice.customer, supplier: invoice.supplier, lines: invoice.lines,
            creditedInvoiceNumber: invoice.number
        )
    }

    private init(
        number: Int, kind: InvoiceKind, issueDate: CivilDate, paymentTermsDays: Int, customer: Customer,
        supplier: Supplier, lines: [InvoiceLine], creditedInvoiceNumber: Int?
    ) throws(InvoiceError) {
        guard number > 0 else { throw .numberNotPositive(number) }
        guard (0...365).contains(paymentTermsDays) else { throw .paymentTermsOutOfRange(paymentTermsDays) }
        guard !lines.isEmpty else { throw .noLines }
        var lineIds: Set<String> = []
        for line in lines {
            guard !line.lineId.isEmpty, lineIds.insert(line.lineId).inserted else { throw .duplicateLineId(line.lineId) }
            guard line.amount > .zero, line.unitPrice > .zero, line.quantity > Quantity(thousandths: 0) else {
                throw .lineNotAPositiveCharge(line.lineId)
            }
        }
        self.number = number
        self.kind = kind
        self.issueDate = issueDate
        self.paymentTermsDays = paymentTermsDays
        self.customer = customer
        self.supplier = supplier
        self.lines = lines
        self.totals = InvoiceTotals(lines: lines)
        self.creditedInvoiceNumber = creditedInvoiceNumber
    }
}
