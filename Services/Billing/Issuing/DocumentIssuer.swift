import Chronology
import Domain
import Contracts
import Foundation
import JSON
import Messaging
import PostgresClient

/// Issues drafts: numbers them (``InvoiceNumbering``), makes each an ``Invoice`` and its OIOUBL
/// document, stores them (immutable from then on) and returns the events announcing them, all in
/// the transaction of the messages that made them due.
struct DocumentIssuer: Sendable {
    var series: String
    var supplier: Supplier
    let writer = OIOUBLWriter()

    /// The events announcing `drafts`, in order. Numbers are taken last, for all drafts at once,
    /// so the series stays locked only for the end of the transaction.
    func issue(_ drafts: [DocumentDraft], at now: Date, on connection: PostgresConnection) throws -> [OutboxEvent] {
        guard !drafts.isEmpty else { return [] }
        guard let issueDate = Copenhagen.date(at: now) else { throw IssuingError.noIssueDate(now) }
        let first = try InvoiceNumbering.take(drafts.count, of: series, on: connection)
        var rows: [(draft: DocumentDraft, invoice: Invoice, xml: String)] = []
        rows.reserveCapacity(drafts.count)
        for (offset, draft) in drafts.enumerated() {
            let number = first + offset
            let invoice: Invoice
            switch draft.content {
            case .invoice(let customer, let terms, let lines):
                invoice = try Invoice.invoice(
                    number: number, issueDate: issueDate, paymentTermsDays: terms, customer: customer, supplier: supplier,
                    lines: lines)
            case .creditNote(let credited):
                invoice = try Invoice.creditNote(number: number, issueDate: issueDate, crediting: credited)
            }
            rows.append((draft, invoice, writer.document(for: invoice)))
        }
        try DocumentStore.insert(rows.map { ($0.draft.contractId, $0.draft.source, $0.invoice, $0.xml) }, series: series, at: now, on: connection)
        return try rows.map { draft, invoice, xml in
            try invoice.announcement(series: series, contractId: draft.contractId, oioubl: xml, cause: draft.cause)
        }
    }
}

enum IssuingError: Error, CustomStringConvertible {
    case noIssueDate(Date)

    var description: String {
        switch self {
        case .noIssueDate(let instant): "no Copenhagen date for \(instant)"
        }
    }
}
