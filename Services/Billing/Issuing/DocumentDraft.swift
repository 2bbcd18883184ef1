import Domain
import Messaging

/// A document to issue, before it has a number: what the handler decided in a message's
/// transaction. ``DocumentIssuer`` numbers, writes and announces the drafts of a batch together.
struct DocumentDraft: Sendable {
    enum Content: Sendable {
        /// An invoice of `lines` to `customer`.
        case invoice(customer: Customer, paymentTermsDays: Int, lines: [InvoiceLine])
        /// A credit note taking back the whole of `invoice`.
        case creditNote(crediting: Invoice)
    }

    var contractId: String
    /// What it bills.
    var source: InvoiceSource
    var content: Content
    /// The message that made it due.
    var cause: Envelope?
}
