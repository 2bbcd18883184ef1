import Chronology
import Domain
import Foundation

/// A valid `placement.reported`.
public struct PlacementReport: Sendable, Hashable {
    public var placementId: String
    public var candidateId: String
    public var openingId: UUID
    public var startDate: CivilDate
    public var hoursPerWeek: HoursPerWeek
}

/// A valid `placement.end-reported`.
public struct PlacementEnd: Sendable, Hashable {
    public var placementId: String
    public var endDate: CivilDate
    public var reason: String
}
