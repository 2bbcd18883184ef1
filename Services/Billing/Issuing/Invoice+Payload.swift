import Contracts

extension Invoice {
    /// The body of `invoice.issued` / `credit-note.issued` for this document of `contractId`.
    func issuedPayload(contractId: String, oioubl: String) -> DocumentIssuedPayload {
        DocumentIssuedPayload(
            invoiceNumber: number, kind: kind.rawValue, contractId: contractId,
            customer: .init(name: customer.name, cvr: customer.cvr.value, ean: customer.ean.value),
            issueDate: issueDate.description, dueDate: dueDate.description,
            lines: lines.map {
                .init(lineId: $0.lineId, description: $0.description, quantity: $0.quantity.decimalText,
                      unitCode: $0.unitCode.rawValue, unitPriceOre: $0.unitPrice.ore, amountOre: $0.amount.ore)
            },
            netOre: totals.net.ore, vatOre: totals.vat.ore, grossOre: totals.gross.ore, currency: Invoice.currency,
            orderReference: customer.orderReference, creditedInvoiceNumber: creditedInvoiceNumber, oioubl: oioubl)
    }

    /// The routing key announcing this document.
    var issuedEventType: String {
        kind == .invoice ? BillingEvents.invoiceIssued : BillingEvents.creditNoteIssued
    }
}
