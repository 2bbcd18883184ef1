import BodyReading
import Chronology
import Contracts
import Domain
import Foundation
import Messaging
import PersonalData
import PostgresClient

extension StarReport {
    /// Generates the report of `month` (its first day), for one jobcenter (kommunekode) or all, inside
    /// a transaction on `connection`.
    public static func generate(
        month first: CivilDate, jobcenter: String?, requestedBy: String, cipher: CPRCipher, at now: Date,
        on connection: PostgresConnection
    ) throws -> Generated {
        let next = first.advanced(by: CivilDate.numberOfDays(inMonth: first.month, year: first.year))
        let found = try connection.query(
            """
            SELECT p.placement_id, c.cpr_ciphertext, p.company_cvr, p.start_date::text AS start_date, p.jobcenter
            FROM placements p JOIN candidates c ON c.candidate_id = p.candidate_id
            WHERE p.target_group AND p.start_date >= $1::date AND p.start_date < $2::date
              AND ($3::text IS NULL OR p.jobcenter = $3)
            ORDER BY p.start_date, p.jobcenter, p.placement_id
            FOR UPDATE OF p
            """, [first.description, next.description, jobcenter])
        var placementIds: [String] = []
        var rows: [Row] = []
        for row in found {
            let placementId = try row.decode(String.self, column: "placement_id")
            guard let ciphertext = try row.decode([UInt8]?.self, column: "cpr_ciphertext") else {
                throw StarReportError.cprErased(placementId: placementId)
            }
            placementIds.append(placementId)
            rows.append(Row(
                cpr: try cipher.decrypt(ciphertext), cvr: try row.decode(String.self, column: "company_cvr"),
                startDate: try row.decode(String.self, column: "start_date"),
                jobcenter: try row.decode(String.self, column: "jobcenter")))
        }
        let runId = UUID.timeOrdered(at: now)
        let monthText = String(first.description.prefix(7))
        try connection.execute(
            "INSERT INTO star_runs (run_id, month, jobcenter, rows, requested_by, generated_at) VALUES ($1, $2, $3, $4, $5, $6)",
            [runId, monthText, jobcenter, rows.count, requestedBy, now])
        try connection.execute(
            "UPDATE placements SET star_run_id = $1 WHERE placement_id = ANY($2::text[]) AND star_run_id IS NULL",
            [runId, PostgresArray(placementIds)])
        try CandidateStore.eraseAfterReport(on: connection, at: now)
        let event = StarReportGeneratedPayload(month: monthText, jobcenter: jobcenter, rows: rows.count, requestedBy: requestedBy, generatedAt: now)
        try Outbox.enqueue([try OutboxEvent(
            type: MatchingEvents.starReportGenerated, payload: event, producer: MatchingEvents.service, municipality: jobcenter)], on: connection)
        return Generated(runId: runId, rows: rows, event: event)
    }
}
