/// Whether a document charges (an invoice) or takes a charge back (a credit note). The raw
/// value is the `kind` of the `invoice.issued` / `credit-note.issued` events.
public enum InvoiceKind: String, Sendable, Hashable, CaseIterable {
    case invoice = "invoice"
    case creditNote = "credit-note"
}
