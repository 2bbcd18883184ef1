import Chronology

extension CivilDate {
    /// The same day one year earlier (28 February for 29 February).
    var oneYearEarlier: CivilDate {
        CivilDate(year: year - 1, month: month, day: min(day, CivilDate.numberOfDays(inMonth: month, year: year - 1)))!
    }
}
