import BodyReading
import Foundation

/// A message on matching's queue as ``MatchingHandler/read(_:)`` found it, before any database work.
public enum MatchingMessage: Sendable {
    case profile(Result<CandidateProfile, Rejection>)
    case withdrawal(Result<CandidateWithdrawal, Rejection>)
    case placement(Result<PlacementReport, Rejection>)
    case placementEnd(Result<PlacementEnd, Rejection>)
    /// `opening.registered` or `opening.updated`.
    case opening(Result<OpeningCopy, Rejection>)
    case openingWithdrawn(Result<UUID, Rejection>)
    case unsupported(type: String)
}
