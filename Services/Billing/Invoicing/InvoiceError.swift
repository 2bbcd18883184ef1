import Chronology

/// Why an ``Invoice`` cannot be made as asked.
public enum InvoiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Invoice numbers start at 1.
    case numberNotPositive(Int)
    /// Payment terms must be 0 to 365 days.
    case paymentTermsOutOfRange(Int)
    /// An invoice must bill something.
    case noLines
    /// Two lines share this id (or it is empty).
    case duplicateLineId(String)
    /// The line's quantity, price or amount is zero or negative; credits are credit notes.
    case lineNotAPositiveCharge(String)
    /// Only an invoice can be credited, and this number is a credit note.
    case notAnInvoice(Int)
    /// A credit note takes the next number, so it comes after the invoice it credits.
    case creditNoteNumberNotAfterInvoice(creditNote: Int, invoice: Int)
    /// A credit note cannot be dated before the invoice it credits (issued on this date).
    case issuedBeforeInvoice(CivilDate)

    public var description: String {
        switch self {
        case .numberNotPositive(let number):
            "invoice number must be positive, got \(number)"
        case .paymentTermsOutOfRange(let days):
            "payment terms must be 0 to 365 days, got \(days)"
        case .noLines:
            "an invoice needs at least one line"
        case .duplicateLineId(let id):
            "line id \"\(id)\" is empty or used twice"
        case .lineNotAPositiveCharge(let id):
            "line \"\(id)\" must have a positive quantity, unit price and amount"
        case .notAnInvoice(let number):
            "document \(number) is a credit note; only an invoice can be credited"
        case .creditNoteNumberNotAfterInvoice(let creditNote, let invoice):
            "credit note number \(creditNote) must come after the credited invoice's \(invoice)"
        case .issuedBeforeInvoice(let date):
            "a credit note cannot be dated before the invoice it credits (\(date))"
        }
    }
}
