import Chronology

/// The state's mileage rates ("statens takst", Skatterådet's skattefri befordringsgodtgørelse
/// for a car) from one date on, in øre per kilometre.
public struct MileageRate: Sendable, Hashable {
    /// The first day the rates apply.
    public let validFrom: CivilDate
    /// The rate for the first 20,000 km of a calendar year.
    public let highOrePerKm: Int64
    /// The rate beyond 20,000 km in a calendar year.
    public let lowOrePerKm: Int64

    public init(validFrom: CivilDate, highOrePerKm: Int64, lowOrePerKm: Int64) {
        self.validFrom = validFrom
        self.highOrePerKm = highOrePerKm
        self.lowOrePerKm = lowOrePerKm
    }
}
