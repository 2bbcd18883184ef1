import Foundation

/// A message on matching's queue as ``MatchingHandler/read(_:)`` found it, before any database work.
public enum MatchingMessage: Sendable {
    case profile(Result<CandidateProfile, MatchingRejection>)
    case withdrawal(Result<CandidateWithdrawal, MatchingRejection>)
    case placement(Result<PlacementReport, PlacementRejection>)
    case placementEnd(Result<PlacementEnd, PlacementRejection>)
    /// `opening.registered` or `opening.updated`.
    case opening(Result<OpeningCopy, MatchingRejection>)
    case openingWithdrawn(Result<UUID, MatchingRejection>)
    case unsupported(type: String)
}
