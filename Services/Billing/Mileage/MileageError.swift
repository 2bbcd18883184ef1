import Chronology

/// Why a month's trips cannot be priced (see ``MonthlyMileage``).
public enum MileageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The trips are not all in one calendar month (two of the dates).
    case tripsInDifferentMonths(CivilDate, CivilDate)
    /// No rate in the table was in force on the trip's date.
    case noRate(tripId: String, date: CivilDate)

    public var description: String {
        switch self {
        case .tripsInDifferentMonths(let one, let other):
            "a month's mileage must be trips of one calendar month, got \(one) and \(other)"
        case .noRate(let tripId, let date):
            "trip \(tripId): no mileage rate is in force on \(date)"
        }
    }
}
