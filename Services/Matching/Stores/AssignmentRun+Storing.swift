import Assignment
import Chronology
import Contracts
import Foundation
import Messaging
import PostgresClient

extension AssignmentRun {
    /// Computes the assignment from matching's schema (openings of `jobcenter`'s municipality and its
    /// candidates, or all), stores the run and writes `assignment.proposed` to the outbox, in the
    /// transaction the caller holds on `connection`.
    public static func run(jobcenter: String?, weights: MatchingWeights, at now: Date, on connection: PostgresConnection) throws -> AssignmentProposedPayload {
        let started = ContinuousClock.now
        let today = Copenhagen.date(at: now) ?? .earliest
        let openings = try MatchingOpeningStore.open(municipality: jobcenter, on: connection).map(\.opening)
        let candidates = try connection.query(
            "SELECT \(CandidateStore.candidateColumns) FROM candidates c WHERE c.status = 'active' AND ($1::text IS NULL OR c.jobcenter = $1)",
            [jobcenter]
        ).map(CandidateStore.candidate)
        let built = build(openings: openings, candidates: candidates, today: today, weights: weights)
        let pairs = try solve(built)
        let assigned = Set(pairs.map(\.opening.openingId))
        let elapsed = ContinuousClock.now - started
        let payload = AssignmentProposedPayload(
            runId: UUID.timeOrdered(at: now), jobcenter: jobcenter,
            assignments: pairs.map { AssignmentPairPayload(openingId: UUID(uuidString: $0.opening.openingId)!, candidateId: $0.candidate.candidateId, score: $0.score) },
            totalScore: pairs.reduce(0) { $0 + $1.score }, unassignedOpenings: built.openings.filter { !assigned.contains($0.openingId) }.count,
            durationMs: Int(elapsed / .milliseconds(1)))
        try connection.execute(
            """
            INSERT INTO assignment_runs (run_id, jobcenter, assignments, total_score, unassigned_openings, duration_ms, model, computed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [payload.runId, jobcenter, try PostgresJSON(encoding: payload.assignments), payload.totalScore,
             payload.unassignedOpenings, payload.durationMs, weights.model, now])
        try Outbox.enqueue([try OutboxEvent(type: MatchingEvents.assignmentProposed, payload: payload, producer: MatchingEvents.service)], on: connection)
        return payload
    }
}
