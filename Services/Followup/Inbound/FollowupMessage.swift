import BodyReading
import Chronology
import Contracts
import Domain
import Foundation

/// A message on followup's queue as ``FollowupHandler/read(_:)`` found it, before any database work.
public enum FollowupMessage: Sendable {
    /// `opening.handed-over`, `lead.registered` or `lead.updated`: a sheet to hand over to its
    /// jobcenter (a later revision updates it, but never moves a deadline).
    case handover(HandoverPayload)
    /// `opening.withdrawn` or `lead.withdrawn`: the task closes.
    case openingWithdrawn(openingId: UUID)
    /// `company.contacted`: the jobcenter reports a contact.
    case contacted(CompanyContact)
    /// `placement.recorded` from matching: check-ins are scheduled.
    case placement(PlacementNotice)
    /// `placement.ended`: the remaining check-ins are cancelled.
    case placementEnded(placementId: String, endDate: CivilDate, reason: String)
    /// `checkin.completed`: a check-in is done.
    case checkinCompleted(CheckinCompletion)
    /// A body followup refuses, with every problem found.
    case invalid(Rejection)

    public struct CompanyContact: Sendable, Hashable {
        public var openingId: UUID
        public var contactedAt: Date
        public var by: String
        public var outcome: ContactOutcome
        public var note: String?
    }

    public struct PlacementNotice: Sendable, Hashable {
        public var placementId: String
        public var candidateId: String
        public var openingId: UUID
        public var cvr: CVR
        public var municipality: Municipality
        /// The kommunekode of the citizen's jobcenter, which follows its citizen up (the opening's
        /// municipality in an event from an older matching).
        public var jobcenter: String
        public var jobType: JobType
        public var startDate: CivilDate
        public var targetGroup: Bool
    }

    public struct CheckinCompletion: Sendable, Hashable {
        public var checkinId: UUID
        public var completedAt: Date
        public var outcome: CheckinOutcome
        public var note: String?
    }

    /// The key whose messages must stay in order: an opening's events and contacts, a placement's
    /// events, a check-in's completion.
    var partitionKey: String? {
        switch self {
        case .handover(let handover): handover.openingId.uuidString
        case .openingWithdrawn(let openingId): openingId.uuidString
        case .contacted(let contact): contact.openingId.uuidString
        case .placement(let placement): placement.placementId
        case .placementEnded(let placementId, _, _): placementId
        case .checkinCompleted(let completion): completion.checkinId.uuidString
        case .invalid: nil
        }
    }
}
