import Chronology

/// One trip driven for a contract, billed at the state rate.
public struct MileageTrip: Sendable, Hashable {
    /// The day it was driven; decides the rate (``MileageRateTable/rate(on:)``).
    public let date: CivilDate
    public let distance: Kilometres
    /// The trip's id in the driving log, shown on its invoice line.
    public let tripId: String

    public init(date: CivilDate, distance: Kilometres, tripId: String) {
        self.date = date
        self.distance = distance
        self.tripId = tripId
    }
}
