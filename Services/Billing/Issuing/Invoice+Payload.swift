import Contracts
import Messaging

extension Invoice {
    /// The event announcing this document of `series`: ``issuedEventType`` with ``issuedPayload(contractId:oioubl:)``
    /// under the message id derived from series and number (``DocumentMessageID``), so every
    /// announcement of one document, the first and any later one, has the same id. Without a
    /// `cause` its correlation id is that message id.
    func announcement(series: String, contractId: String, oioubl: String, cause: Envelope?) throws -> OutboxEvent {
        var event = try OutboxEvent(
            type: issuedEventType, payload: issuedPayload(contractId: contractId, oioubl: oioubl), producer: BillingEvents.service,
            cause: cause)
        event.envelope.messageID = DocumentMessageID.of(series: series, number: number)
        if cause == nil { event.envelope.correlationID = event.envelope.messageID.uuidString.lowercased() }
        return event
    }

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
