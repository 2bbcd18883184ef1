import Chronology
import Domain
import Foundation
import PostgresClient

/// What the CLI reads about contracts.
extension ContractStore {
    public struct Summary: Codable, Sendable {
        public var contractId: String
        public var revision: Int
        public var title: String
        public var customerName: String
        public var periodStart: String
        public var periodEnd: String
        public var mileage: String
        public var lines: Int
        public var invoicedLines: Int
        public var meetingsHeld: Int
    }

    /// A schedule line and where it stands.
    public struct LineStatus: Codable, Sendable {
        public var lineId: String
        public var description: String
        public var amountOre: Int64
        /// `on 2023-02-01`, `at signing`, `after 4 meetings`.
        public var due: String
        /// When a fixed-date line falls due (06:00 Copenhagen time on its date).
        public var dueAt: Date?
        /// `pending`, `invoiced`, or `credited` (its invoice was credited; invoiced again only once a
        /// revision changes the line).
        public var status: String
        /// The invoice that billed it (not credited), when invoiced.
        public var invoiceNumber: Int?
    }

    public struct Detail: Codable, Sendable {
        public var summary: Summary
        public var paymentTermsDays: Int
        public var signedOn: String
        public var lines: [LineStatus]
    }

    /// The most recently registered first.
    public static func list(limit: Int = 500, on connection: PostgresConnection) throws -> [Summary] {
        try connection.query(
            """
            SELECT c.contract_id, c.revision, c.title, c.customer->>'name' AS customer_name,
                   c.period_start::text AS period_start, c.period_end::text AS period_end, c.mileage,
                   (SELECT count(*) FROM schedule_lines l WHERE l.contract_id = c.contract_id) AS lines,
                   (SELECT count(*) FROM schedule_lines l JOIN billed_items b
                      ON b.contract_id = l.contract_id AND b.source = 'line:' || l.line_id AND NOT b.credited
                    WHERE l.contract_id = c.contract_id) AS invoiced_lines,
                   (SELECT count(*) FROM meetings m WHERE m.contract_id = c.contract_id) AS meetings
            FROM contracts c ORDER BY c.registered_at DESC, c.contract_id LIMIT $1
            """, [limit]
        ).map(summary)
    }

    /// The contract with every line's status, invoice numbers from `series`.
    public static func detail(_ contractId: String, series: String, on connection: PostgresConnection) throws -> Detail? {
        let rows = try connection.pipeline([
            PostgresStatement(
                """
                SELECT c.contract_id, c.revision, c.title, c.customer->>'name' AS customer_name,
                       c.period_start::text AS period_start, c.period_end::text AS period_end, c.mileage,
                       c.payment_terms_days, c.signed_on::text AS signed_on,
                       (SELECT count(*) FROM schedule_lines l WHERE l.contract_id = c.contract_id) AS lines,
                       (SELECT count(*) FROM schedule_lines l JOIN billed_items b
                          ON b.contract_id = l.contract_id AND b.source = 'line:' || l.line_id AND NOT b.credited
                        WHERE l.contract_id = c.contract_id) AS invoiced_lines,
                       (SELECT count(*) FROM meetings m WHERE m.contract_id = c.contract_id) AS meetings
                FROM contracts c WHERE c.contract_id = $1
                """, [contractId]),
            PostgresStatement(
                """
                SELECT l.line_id, l.description, l.amount_ore, l.due_on::text AS due_on, l.signed, l.after_meetings,
                       (b.source IS NOT NULL) AS claimed, coalesce(b.credited, false) AS credited,
                       (SELECT max(d.number) FROM documents d
                        WHERE d.contract_id = l.contract_id AND d.series = $2 AND d.source = 'line:' || l.line_id
                          AND NOT EXISTS (SELECT FROM credits k WHERE k.series = d.series AND k.invoice_number = d.number)
                       ) AS invoice_number
                FROM schedule_lines l
                LEFT JOIN billed_items b ON b.contract_id = l.contract_id AND b.source = 'line:' || l.line_id
                WHERE l.contract_id = $1 ORDER BY l.position
                """, [contractId, series]),
        ])
        guard let row = rows[0].first else { return nil }
        let lines = try rows[1].map { row -> LineStatus in
            var dueAt: Date?
            let due: String
            if let on = try row.decode(String?.self, column: "due_on") {
                due = "on \(on)"
                dueAt = try ScheduleRules.dueInstant(of: date(on))
            } else if let meetings = try row.decode(Int?.self, column: "after_meetings") {
                due = ScheduleLine.Due.afterMeetings(meetings).description
            } else {
                due = ScheduleLine.Due.signed.description
            }
            let status = try row.decode(Bool.self, column: "credited") ? "credited"
                : try row.decode(Bool.self, column: "claimed") ? "invoiced" : "pending"
            return LineStatus(
                lineId: try row.decode(String.self, column: "line_id"), description: try row.decode(String.self, column: "description"),
                amountOre: try row.decode(Int64.self, column: "amount_ore"), due: due, dueAt: dueAt,
                status: status, invoiceNumber: try row.decode(Int?.self, column: "invoice_number"))
        }
        return Detail(
            summary: try summary(row), paymentTermsDays: try row.decode(Int.self, column: "payment_terms_days"),
            signedOn: try row.decode(String.self, column: "signed_on"), lines: lines)
    }

    private static func summary(_ row: PostgresRow) throws -> Summary {
        Summary(
            contractId: try row.decode(String.self, column: "contract_id"), revision: try row.decode(Int.self, column: "revision"),
            title: try row.decode(String.self, column: "title"), customerName: try row.decode(String.self, column: "customer_name"),
            periodStart: try row.decode(String.self, column: "period_start"), periodEnd: try row.decode(String.self, column: "period_end"),
            mileage: try row.decode(String.self, column: "mileage"), lines: try row.decode(Int.self, column: "lines"),
            invoicedLines: try row.decode(Int.self, column: "invoiced_lines"), meetingsHeld: try row.decode(Int.self, column: "meetings"))
    }
}
