import BodyReading
import Chronology
import Domain
import Foundation

/// Matching's contract: the routing keys it consumes and emits, and the bodies of the events it
/// emits (`docs/messages.md` documents them for outside systems; `ContractsTests` keep the two in
/// step). No event of matching carries a CPR number, a note, or anything derived from a CPR.
public enum MatchingEvents {
    public static let service = "matching"

    // Consumed from jobcenter systems
    public static let candidateProfiled = "candidate.profiled"
    public static let candidateWithdrawn = "candidate.withdrawn"
    public static let placementReported = "placement.reported"
    public static let placementEndReported = "placement.end-reported"

    // Emitted
    public static let candidateRejected = "candidate.rejected"
    public static let matchProposed = "match.proposed"
    public static let placementRecorded = "placement.recorded"
    public static let placementEnded = "placement.ended"
    public static let placementRejected = "placement.rejected"
    public static let assignmentProposed = "assignment.proposed"
    public static let starReportGenerated = "report.star-generated"

    /// What a jobcenter says of its candidates (refusals answered with `candidate.rejected`).
    public static let candidateKeys = [candidateProfiled, candidateWithdrawn]
    /// What a jobcenter says of its placements (refusals answered with `placement.rejected`).
    public static let placementKeys = [placementReported, placementEndReported]
    /// What matching's queue is bound to: the jobcenters' messages and intake's openings.
    public static let consumed = candidateKeys + placementKeys + [
        IntakeEvents.openingRegistered, IntakeEvents.openingUpdated, IntakeEvents.openingWithdrawn,
    ]
    public static let emitted = [
        candidateRejected, matchProposed, placementRecorded, placementEnded, placementRejected,
        assignmentProposed, starReportGenerated,
    ]
}

/// One weighted criterion of a proposal: its weight, the person's score on it (0–100) and why.
public struct CriterionScore: Codable, Sendable, Equatable {
    /// `tasks`, `category-preference`, `hours-fit`, `home-municipality`, `time-out-of-work`.
    public var criterion: String
    public var weight: Int
    /// 0–100.
    public var score: Int
    /// In words a consultant understands.
    public var explanation: String

    public init(criterion: String, weight: Int, score: Int, explanation: String) {
        self.criterion = criterion
        self.weight = weight
        self.score = score
        self.explanation = explanation
    }
}

/// One proposed person for an opening.
public struct ProposalPayload: Codable, Sendable, Equatable {
    public var candidateId: String
    /// 1 is the best.
    public var rank: Int
    /// 0–100: the weighted mean of the criteria's scores, rounded.
    public var score: Int
    public var criteria: [CriterionScore]

    public init(candidateId: String, rank: Int, score: Int, criteria: [CriterionScore]) {
        self.candidateId = candidateId
        self.rank = rank
        self.score = score
        self.criteria = criteria
    }
}

/// The body of `match.proposed`: the top N people for one opening (possibly none), with the model
/// (version and weights) that ranked them.
public struct MatchProposedPayload: Codable, Sendable, Equatable {
    public var openingId: UUID
    public var proposals: [ProposalPayload]
    /// e.g. `matching-1 tasks=35,category-preference=20,...`.
    public var model: String
    public var proposedAt: Date

    public init(openingId: UUID, proposals: [ProposalPayload], model: String, proposedAt: Date) {
        self.openingId = openingId
        self.proposals = proposals
        self.model = model
        self.proposedAt = proposedAt
    }
}

/// The body of `placement.reported`, as a jobcenter system (or `spotjob placements report`) sends it.
public struct PlacementReportedBody: Codable, Sendable, Equatable {
    /// The sender's id of the placement; the idempotency key.
    public var placementId: String
    public var candidateId: String
    public var openingId: UUID
    public var startDate: CivilDate
    public var hoursPerWeek: HoursPerWeek

    public init(placementId: String, candidateId: String, openingId: UUID, startDate: CivilDate, hoursPerWeek: HoursPerWeek) {
        self.placementId = placementId
        self.candidateId = candidateId
        self.openingId = openingId
        self.startDate = startDate
        self.hoursPerWeek = hoursPerWeek
    }
}

/// The body of `placement.recorded`: a person started in an opening. Followup consumes it.
public struct PlacementRecordedPayload: Codable, Sendable, Equatable {
    public var placementId: String
    public var candidateId: String
    public var openingId: UUID
    /// The company's CVR number.
    public var cvr: CVR
    /// The opening's kommunekode.
    public var municipality: String
    /// The kommunekode of the citizen's jobcenter, which follows its citizen up (followup's check-ins).
    public var jobcenter: String
    public var jobType: JobType
    public var hoursPerWeek: HoursPerWeek
    public var startDate: CivilDate
    /// Out of work for at least one year on `startDate` (the STAR report's target group).
    public var targetGroup: Bool

    public init(
        placementId: String, candidateId: String, openingId: UUID, cvr: CVR, municipality: String, jobcenter: String,
        jobType: JobType, hoursPerWeek: HoursPerWeek, startDate: CivilDate, targetGroup: Bool
    ) {
        self.placementId = placementId
        self.candidateId = candidateId
        self.openingId = openingId
        self.cvr = cvr
        self.municipality = municipality
        self.jobcenter = jobcenter
        self.jobType = jobType
        self.hoursPerWeek = hoursPerWeek
        self.startDate = startDate
        self.targetGroup = targetGroup
    }
}

/// The body of `placement.ended`, and of `placement.end-reported` as senders write it.
public struct PlacementEndedPayload: Codable, Sendable, Equatable {
    public var placementId: String
    public var endDate: CivilDate
    public var reason: String

    public init(placementId: String, endDate: CivilDate, reason: String) {
        self.placementId = placementId
        self.endDate = endDate
        self.reason = reason
    }
}

/// One pair of an optimal assignment.
public struct AssignmentPairPayload: Codable, Sendable, Equatable {
    public var openingId: UUID
    public var candidateId: String
    public var score: Int

    public init(openingId: UUID, candidateId: String, score: Int) {
        self.openingId = openingId
        self.candidateId = candidateId
        self.score = score
    }
}

/// The body of `assignment.proposed`: the assignment of the greatest total score.
public struct AssignmentProposedPayload: Codable, Sendable, Equatable {
    public var runId: UUID
    /// The jobcenter's kommunekode, when the run was limited to one.
    public var jobcenter: String?
    public var assignments: [AssignmentPairPayload]
    public var totalScore: Int
    /// Open openings that got nobody.
    public var unassignedOpenings: Int
    public var durationMs: Int

    public init(runId: UUID, jobcenter: String?, assignments: [AssignmentPairPayload], totalScore: Int, unassignedOpenings: Int, durationMs: Int) {
        self.runId = runId
        self.jobcenter = jobcenter
        self.assignments = assignments
        self.totalScore = totalScore
        self.unassignedOpenings = unassignedOpenings
        self.durationMs = durationMs
    }
}

/// The body of `report.star-generated`: counts only, never a CPR number.
public struct StarReportGeneratedPayload: Codable, Sendable, Equatable {
    /// `YYYY-MM`.
    public var month: String
    /// The kommunekode, or `nil` for all jobcenters.
    public var jobcenter: String?
    public var rows: Int
    public var requestedBy: String
    public var generatedAt: Date

    public init(month: String, jobcenter: String?, rows: Int, requestedBy: String, generatedAt: Date) {
        self.month = month
        self.jobcenter = jobcenter
        self.rows = rows
        self.requestedBy = requestedBy
        self.generatedAt = generatedAt
    }
}
