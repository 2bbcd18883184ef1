import BodyReading
import Domain
import Foundation

/// Followup's contract: what it consumes (intake's hand-overs of openings and leads, which carry the
/// company's contact, and `opening.withdrawn`; matching's `placement.*`, and what
/// jobcenters report) and the events it emits. Every instant is UTC, RFC 3339 with `Z`.
public enum FollowupEvents {
    public static let service = "followup"

    // Consumed from jobcenter systems (and `spotjob followup contacted|checkin`).
    public static let companyContacted = "company.contacted"
    public static let checkinCompleted = "checkin.completed"
    // Consumed from matching.
    public static let placementRecorded = "placement.recorded"
    public static let placementEnded = "placement.ended"

    // Emitted
    public static let taskOpened = "followup.task-opened"
    public static let taskUpdated = "followup.task-updated"
    public static let contactDue = "followup.contact-due"
    public static let escalated = "followup.escalated"
    public static let contactRecorded = "followup.contact-recorded"
    public static let checkinScheduled = "followup.checkin-scheduled"
    public static let checkinDue = "followup.checkin-due"
    public static let retentionRisk = "followup.retention-risk"
    public static let rejected = "followup.rejected"

    public static let consumed = [
        IntakeEvents.openingHandedOver, IntakeEvents.openingWithdrawn, IntakeEvents.leadRegistered, IntakeEvents.leadUpdated,
        IntakeEvents.leadWithdrawn, companyContacted, placementRecorded, placementEnded, checkinCompleted,
    ]
    public static let emitted = [taskOpened, taskUpdated, contactDue, escalated, contactRecorded, checkinScheduled, checkinDue, retentionRisk, rejected]
}

/// How a contact with a company went (`company.contacted`'s `outcome`).
public enum ContactOutcome: String, Codable, Sendable, CaseIterable {
    case reached
    case visitBooked = "visit-booked"
    case declined
    case noAnswer = "no-answer"

    /// Whether the contact fulfils the duty and closes the task (all but `no-answer`).
    public var closesTask: Bool { self != .noAnswer }
}

/// How a placement is going at a check-in (`checkin.completed`'s `outcome`).
public enum CheckinOutcome: String, Codable, Sendable, CaseIterable {
    case goingWell = "going-well"
    case needsSupport = "needs-support"
    case atRisk = "at-risk"

    /// Whether the Task Force should look at the placement (seed 003: another job or company).
    public var isRisk: Bool { self != .goingWell }
}

/// The body of `followup.task-opened`, and of `followup.task-updated` (a later revision of the
/// sheet changed what the open task says): what a consultant needs to act. The job's fields are
/// absent for a lead (`kind` `visit`).
public struct TaskOpenedPayload: Codable, Sendable, Equatable {
    public var taskId: UUID
    public var openingId: UUID
    /// `contact` for an opening, `visit` for a lead.
    public var kind: String
    public var municipality: String
    public var sheetId: String
    public var source: String?
    public var company: OpeningPayload.Company
    public var contact: HandoverPayload.Contact
    public var visitRequested: Bool
    public var category: JobCategory?
    public var tasks: [JobTask]?
    public var hoursPerWeek: HoursPerWeek?
    public var positions: Int?
    public var jobType: JobType?
    public var submittedAt: Date
    public var dueAt: Date

    /// The task `taskId`, due at `dueAt`, of the sheet `handover` hands over (submitted at `submittedAt`).
    public init(taskId: UUID, handover: HandoverPayload, submittedAt: Date, dueAt: Date) {
        self.taskId = taskId
        self.openingId = handover.openingId
        self.kind = handover.category == nil ? "visit" : "contact"
        self.municipality = handover.municipality
        self.sheetId = handover.sheetId
        self.source = handover.source
        self.company = handover.company
        self.contact = handover.contact
        self.visitRequested = handover.visitRequested
        self.category = handover.category
        self.tasks = handover.tasks
        self.hoursPerWeek = handover.hoursPerWeek
        self.positions = handover.positions
        self.jobType = handover.jobType
        self.submittedAt = submittedAt
        self.dueAt = dueAt
    }
}

/// The body of `followup.contact-due`.
public struct ContactDuePayload: Codable, Sendable, Equatable {
    public var taskId: UUID
    public var openingId: UUID
    public var dueAt: Date

    public init(taskId: UUID, openingId: UUID, dueAt: Date) {
        self.taskId = taskId
        self.openingId = openingId
        self.dueAt = dueAt
    }
}

/// The body of `followup.escalated`: a contact task (`taskId`, `openingId`) or a check-in
/// (`checkinId`, `placementId`) not done in time.
public struct EscalatedPayload: Codable, Sendable, Equatable {
    public var taskId: UUID?
    public var openingId: UUID?
    public var checkinId: UUID?
    public var placementId: String?
    /// `contact` or `checkin`.
    public var kind: String
    public var level: Int
    public var dueAt: Date

    public static func contact(taskId: UUID, openingId: UUID, level: Int, dueAt: Date) -> Self {
        Self(taskId: taskId, openingId: openingId, checkinId: nil, placementId: nil, kind: "contact", level: level, dueAt: dueAt)
    }

    public static func checkin(checkinId: UUID, placementId: String, dueAt: Date) -> Self {
        Self(taskId: nil, openingId: nil, checkinId: checkinId, placementId: placementId, kind: "checkin", level: 1, dueAt: dueAt)
    }
}

/// The body of `followup.contact-recorded`.
public struct ContactRecordedPayload: Codable, Sendable, Equatable {
    public var taskId: UUID
    public var openingId: UUID
    public var outcome: ContactOutcome
    public var contactedAt: Date
    /// `contactedAt` ≤ the task's `dueAt`.
    public var onTime: Bool

    public init(taskId: UUID, openingId: UUID, outcome: ContactOutcome, contactedAt: Date, onTime: Bool) {
        self.taskId = taskId
        self.openingId = openingId
        self.outcome = outcome
        self.contactedAt = contactedAt
        self.onTime = onTime
    }
}

/// The body of `followup.checkin-scheduled` and `followup.checkin-due`.
public struct CheckinPayload: Codable, Sendable, Equatable {
    public var checkinId: UUID
    public var placementId: String
    public var openingId: UUID
    public var candidateId: String
    /// 1, 2, 3 for the check-ins at 7, 28 and 91 days.
    public var sequence: Int
    public var dueAt: Date

    public init(checkinId: UUID, placementId: String, openingId: UUID, candidateId: String, sequence: Int, dueAt: Date) {
        self.checkinId = checkinId
        self.placementId = placementId
        self.openingId = openingId
        self.candidateId = candidateId
        self.sequence = sequence
        self.dueAt = dueAt
    }
}

/// The body of `followup.retention-risk`: a check-in came back `needs-support` or `at-risk`.
public struct RetentionRiskPayload: Codable, Sendable, Equatable {
    public var checkinId: UUID
    public var placementId: String
    public var openingId: UUID
    public var candidateId: String
    public var outcome: CheckinOutcome
    public var completedAt: Date

    public init(checkinId: UUID, placementId: String, openingId: UUID, candidateId: String, outcome: CheckinOutcome, completedAt: Date) {
        self.checkinId = checkinId
        self.placementId = placementId
        self.openingId = openingId
        self.candidateId = candidateId
        self.outcome = outcome
        self.completedAt = completedAt
    }
}
