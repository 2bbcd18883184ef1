import Chronology
import Contracts
import Domain
import Foundation
import JSON
import Messaging
import PostgresClient

/// Issued invoices and credit notes. Written once by ``DocumentIssuer``; there is no update or
/// delete here, and billing's role may not do either (see `deploy/migrations/billing/001_billing.sql`).
public enum DocumentStore {
    /// One issued document as the CLI lists it.
    public struct Summary: Codable, Sendable {
        public var series: String
        public var invoiceNumber: Int
        public var kind: String
        public var contractId: String
        public var source: String
        public var customerName: String
        public var issueDate: String
        public var dueDate: String
        public var netOre: Int64
        public var vatOre: Int64
        public var grossOre: Int64
        public var creditedInvoiceNumber: Int?
        /// For an invoice: the number of the credit note that took it back.
        public var creditedBy: Int?
    }

    static func insert(
        _ documents: [(contractId: String, source: InvoiceSource, invoice: Invoice, xml: String)], series: String, at now: Date,
        on connection: PostgresConnection
    ) throws {
        func column<Value: PostgresEncodable>(_ value: ((contractId: String, source: InvoiceSource, invoice: Invoice, xml: String)) -> Value?) -> PostgresArray {
            PostgresArray(documents.map(value))
        }
        let encoder = JSONCoding.encoder
        _ = try connection.execute(
            """
            INSERT INTO documents (series, number, kind, contract_id, source, issue_date, due_date, payment_terms_days,
                                   customer, lines, net_ore, vat_ore, gross_ore, credited_number, oioubl, issued_at)
            SELECT $1, *, $15::timestamptz
            FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::integer[],
                        $9::jsonb[], $10::jsonb[], $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[], $16::text[])
            """,
            [series, column { $0.invoice.number }, column { $0.invoice.kind.rawValue }, column(\.contractId), column(\.source.key),
             column { $0.invoice.issueDate.description }, column { $0.invoice.dueDate.description },
             column { $0.invoice.paymentTermsDays },
             PostgresArray(try documents.map { PostgresJSON(bytes: try encoder.encode(StoredCustomer($0.invoice.customer))) }),
             PostgresArray(try documents.map { PostgresJSON(bytes: try encoder.encode($0.invoice.lines.map(StoredLine.init))) }),
             column { $0.invoice.totals.net.ore }, column { $0.invoice.totals.vat.ore }, column { $0.invoice.totals.gross.ore },
             column { $0.invoice.creditedInvoiceNumber }, now, PostgresArray(binary: documents.map(\.xml))])
    }

    /// A stored document, read back.
    struct Stored {
        var contractId: String
        var source: InvoiceSource
        var invoice: Invoice
    }

    /// Document `number` of `series` as an ``Invoice`` (with today's `supplier`), or `nil`.
    static func load(series: String, number: Int, supplier: Supplier, on connection: PostgresConnection) throws -> Stored? {
        guard let row = try connection.query(
            "SELECT \(storedColumns) FROM documents WHERE series = $1 AND number = $2", [series, number]
        ).first else { return nil }
        return try stored(row, number: number, supplier: supplier)
    }

    /// What ``stored(_:number:supplier:)`` reads.
    private static let storedColumns =
        "kind, contract_id, source, issue_date::text AS issue_date, payment_terms_days, customer, lines, credited_number"

    /// The document numbered `number` in `row` (its ``storedColumns``).
    private static func stored(_ row: PostgresRow, number: Int, supplier: Supplier) throws -> Stored {
        let customer = try row.decode(PostgresJSON.self, column: "customer").decode(StoredCustomer.self).customer()
        let lines = try row.decode(PostgresJSON.self, column: "lines").decode([StoredLine].self).map { try $0.line() }
        let issueDate = try ContractStore.date(row.decode(String.self, column: "issue_date"))
        let invoice: Invoice
        if try row.decode(String.self, column: "kind") == InvoiceKind.invoice.rawValue {
            invoice = try Invoice.invoice(
                number: number, issueDate: issueDate, paymentTermsDays: try row.decode(Int.self, column: "payment_terms_days"),
                customer: customer, supplier: supplier, lines: lines)
        } else {
            let credited = try row.decode(Int.self, column: "credited_number")
            let original = try Invoice.invoice(
                number: credited, issueDate: issueDate, paymentTermsDays: 0, customer: customer, supplier: supplier, lines: lines)
            invoice = try Invoice.creditNote(number: number, issueDate: issueDate, crediting: original)
        }
        let sourceKey = try row.decode(String.self, column: "source")
        guard let source = InvoiceSource(key: sourceKey) else { throw DocumentStoreError.unknownSource(number: number) }
        return Stored(contractId: try row.decode(String.self, column: "contract_id"), source: source, invoice: invoice)
    }

    /// Documents of `series`, oldest first; only `contractId`'s when given.
    public static func list(series: String, contractId: String? = nil, limit: Int = 1000, on connection: PostgresConnection) throws -> [Summary] {
        try connection.query(
            """
            SELECT d.series, d.number, d.kind, d.contract_id, d.source, d.customer->>'name' AS customer_name,
                   d.issue_date::text AS issue_date, d.due_date::text AS due_date, d.net_ore, d.vat_ore, d.gross_ore,
                   d.credited_number, c.number AS credited_by
            FROM documents d
            LEFT JOIN documents c ON c.series = d.series AND c.credited_number = d.number
            WHERE d.series = $1 AND ($2::text IS NULL OR d.contract_id = $2)
            ORDER BY d.number LIMIT $3
            """, [series, contractId, limit]
        ).map(summary)
    }

    /// The OIOUBL document of `number`, or `nil`.
    public static func oioubl(series: String, number: Int, on connection: PostgresConnection) throws -> String? {
        try connection.query("SELECT oioubl FROM documents WHERE series = $1 AND number = $2", [series, number])
            .first?.decode(String.self, at: 0)
    }

    /// Every document of `series` with its OIOUBL text, oldest first.
    public static func all(series: String, on connection: PostgresConnection) throws -> [(summary: Summary, oioubl: String)] {
        try connection.query(
            """
            SELECT d.series, d.number, d.kind, d.contract_id, d.source, d.customer->>'name' AS customer_name,
                   d.issue_date::text AS issue_date, d.due_date::text AS due_date, d.net_ore, d.vat_ore, d.gross_ore,
                   d.credited_number, NULL::bigint AS credited_by, d.oioubl
            FROM documents d WHERE d.series = $1 ORDER BY d.number
            """, [series]
        ).map { (try summary($0), try $0.decode(String.self, column: "oioubl")) }
    }

    /// The full event body of document `number`, as it was announced.
    public static func payload(series: String, number: Int, supplier: Supplier, on connection: PostgresConnection) throws -> DocumentIssuedPayload? {
        guard let stored = try load(series: series, number: number, supplier: supplier, on: connection),
              let xml = try oioubl(series: series, number: number, on: connection) else { return nil }
        return stored.invoice.issuedPayload(contractId: stored.contractId, oioubl: xml)
    }

    /// The events announcing the documents of `series` issued on or after `since` (their Copenhagen
    /// issue date) and numbered above `after`, at most `limit`, by number: what billing published
    /// when it issued them (the same message id, type and body), timestamped with the time of issue.
    /// The correlation and causation ids of the message that made a document due are not stored:
    /// each carries its own message id as correlation id.
    public static func announcements(
        series: String, since: CivilDate, after: Int, limit: Int, supplier: Supplier, on connection: PostgresConnection
    ) throws -> [(number: Int, envelope: Envelope)] {
        try connection.query(
            """
            SELECT number, oioubl, issued_at, \(storedColumns) FROM documents
            WHERE series = $1 AND issue_date >= $2::date AND number > $3 ORDER BY number LIMIT $4
            """, [series, since.description, after, limit]
        ).map { row in
            let number = try row.decode(Int.self, column: "number")
            let stored = try stored(row, number: number, supplier: supplier)
            var envelope = try stored.invoice.announcement(
                series: series, contractId: stored.contractId, oioubl: try row.decode(String.self, column: "oioubl"), cause: nil
            ).envelope
            envelope.timestamp = try row.decode(Date.self, column: "issued_at")
            return (number, envelope)
        }
    }

    private static func summary(_ row: PostgresRow) throws -> Summary {
        Summary(
            series: try row.decode(String.self, column: "series"), invoiceNumber: try row.decode(Int.self, column: "number"),
            kind: try row.decode(String.self, column: "kind"), contractId: try row.decode(String.self, column: "contract_id"),
            source: try row.decode(String.self, column: "source"),
            customerName: try row.decode(String.self, column: "customer_name"),
            issueDate: try row.decode(String.self, column: "issue_date"), dueDate: try row.decode(String.self, column: "due_date"),
            netOre: try row.decode(Int64.self, column: "net_ore"), vatOre: try row.decode(Int64.self, column: "vat_ore"),
            grossOre: try row.decode(Int64.self, column: "gross_ore"),
            creditedInvoiceNumber: try row.decode(Int?.self, column: "credited_number"),
            creditedBy: try row.decode(Int?.self, column: "credited_by"))
    }
}

/// A stored document that cannot be read back.
enum DocumentStoreError: Error, CustomStringConvertible {
    case unknownSource(number: Int)

    var description: String {
        switch self {
        case .unknownSource(let number): "document \(number) bills a source of no known form"
        }
    }
}
