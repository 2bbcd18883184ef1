/// Day counting in the proleptic Gregorian calendar, on plain `Int`s and for any year.
///
/// Howard Hinnant's `days_from_civil` and `civil_from_days`
/// (<https://howardhinnant.github.io/date_algorithms.html>): the year is shifted to start on
/// 1 March, so the leap day is the last day of its year, and counted in 400-year eras of
/// 146 097 days. Day 0 is 1970-01-01. ``CivilDate`` checks ranges; these functions do not.
public enum GregorianArithmetic {
    /// Days from 1970-01-01 to the given date; `month` in `1...12`, `day` in `1...31`.
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400  // 0...399
        let marchMonth = month > 2 ? month - 3 : month + 9  // March = 0 ... February = 11
        let dayOfYear = (153 * marchMonth + 2) / 5 + day - 1  // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // 0...146096
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year, month (`1...12`) and day (`1...31`) of day `days` after 1970-01-01.
    public static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097  // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365  // 0...399
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // 0...365
        let marchMonth = (5 * dayOfYear + 2) / 153  // 0...11
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The ISO weekday number (Monday 1 ... Sunday 7) of day `days` after 1970-01-01, a Thursday.
    public static func isoWeekday(daysSinceEpoch days: Int) -> Int {
        (days + 3).floorModulo(7) + 1
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (`1...12`) of `year`.
    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
