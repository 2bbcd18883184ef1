import BodyReading
import Foundation
import Messaging
import PostgresClient

/// Billing staff ask for a credit note of a whole invoice: it is drafted once, and what the
/// invoice billed is marked credited (a revision may bill it again).
struct Crediting: Sendable {
    let issuer: DocumentIssuer

    func credit(_ request: CreditRequest, cause: Envelope, at now: Date, on connection: PostgresConnection) throws -> BillingOutcome {
        func refused(_ code: FieldError.Code, _ message: String, contractId: String? = nil) -> BillingOutcome {
            .rejected(Rejection(subject: contractId, errors: [FieldError(field: "invoiceNumber", code: code, message: message)]))
        }
        guard let stored = try DocumentStore.load(
            series: issuer.series, number: request.invoiceNumber, supplier: issuer.supplier, on: connection)
        else { return refused(.unknownInvoice, "no invoice with this number was issued") }
        guard stored.invoice.kind == .invoice else {
            return refused(.notAnInvoice, "this number is a credit note", contractId: stored.contractId)
        }
        guard try ActivityStore.claimCredit(
            series: issuer.series, number: request.invoiceNumber, reason: request.reason, at: now, on: connection)
        else { return refused(.alreadyCredited, "this invoice is credited already", contractId: stored.contractId) }
        try ActivityStore.markCredited(stored.source, of: stored.contractId, on: connection)
        return .drafts([DocumentDraft(
            contractId: stored.contractId, source: .credit(invoiceNumber: request.invoiceNumber),
            content: .creditNote(crediting: stored.invoice), cause: cause)])
    }
}
