/// Wall-clock time in Copenhagen (Europe/Copenhagen), computed from the EU rule, so no
/// time-zone database is needed at run time.
///
/// Standard time is CET, UTC+1 (``standardOffset``); summer time is CEST, UTC+2
/// (``summerOffset``), from the last Sunday of March 01:00 UTC to the last Sunday of
/// October 01:00 UTC (``summerTime(in:)``). Denmark has followed this rule since 1996; instants
/// before 1996 are given the same rule, which is not the offset clocks actually showed then.
///
/// Instants are whole seconds since 1970-01-01T00:00:00Z here; `Date` versions of these
/// functions are in `Copenhagen+Foundation.swift`.
public enum Copenhagen {
    /// The UTC offset of standard time (CET), in seconds: one hour.
    public static let standardOffset = 3600
    /// The UTC offset of summer time (CEST), in seconds: two hours.
    public static let summerOffset = 7200

    /// The instants, in seconds since the epoch, from the start of summer time in `year`
    /// (the last Sunday of March 01:00 UTC, when clocks go from 02:00 to 03:00) up to its end
    /// (the last Sunday of October 01:00 UTC, when clocks go from 03:00 back to 02:00).
    public static func summerTime(in year: Int) -> Range<Int> {
        let secondsPerDay = CivilDateTime.secondsPerDay
        let start = lastSunday(ofMonth: 3, year: year) * secondsPerDay + transitionSecondOfDay
        let end = lastSunday(ofMonth: 10, year: year) * secondsPerDay + transitionSecondOfDay
        return start..<end
    }

    /// Whether Copenhagen keeps summer time at `seconds` since the epoch.
    public static func isSummerTime(atSecondsSinceEpoch seconds: Int) -> Bool {
        // Compared as (day, second of day), so that no instant, however far out, overflows.
        let day = seconds.floorDivided(by: CivilDateTime.secondsPerDay)
        let secondOfDay = seconds.floorModulo(CivilDateTime.secondsPerDay)
        let year = GregorianArithmetic.civil(daysSinceEpoch: day).year  // the transitions are far from New Year
        let start = (lastSunday(ofMonth: 3, year: year), transitionSecondOfDay)
        let end = (lastSunday(ofMonth: 10, year: year), transitionSecondOfDay)
        return start <= (day, secondOfDay) && (day, secondOfDay) < end
    }

    /// Copenhagen's offset from UTC at `seconds` since the epoch: ``summerOffset`` or ``standardOffset``.
    public static func utcOffset(atSecondsSinceEpoch seconds: Int) -> Int {
        isSummerTime(atSecondsSinceEpoch: seconds) ? summerOffset : standardOffset
    }

    /// What Copenhagen clocks show at `seconds` since the epoch, or `nil` if that lies outside
    /// ``CivilDate/supportedYears``.
    public static func localDateTime(atSecondsSinceEpoch seconds: Int) -> CivilDateTime? {
        let (local, overflow) = seconds.addingReportingOverflow(utcOffset(atSecondsSinceEpoch: seconds))
        return overflow ? nil : CivilDateTime(secondsSinceEpoch: local)
    }

    /// The instant, in seconds since the epoch, at which Copenhagen clocks first show `local`
    /// or a later time.
    ///
    /// Most local times occur exactly once. Two cases follow from "first ... or later":
    /// - a time in the spring gap (02:00–02:59:59 on the last Sunday of March) never occurs, and
    ///   gives the first instant after the gap, 03:00 summer time (01:00 UTC);
    /// - a time in the autumn overlap (02:00–02:59:59 on the last Sunday of October) occurs
    ///   twice, and gives the first occurrence, still summer time (UTC+2).
    public static func secondsSinceEpoch(ofLocal local: CivilDateTime) -> Int {
        let wallSeconds = local.secondsSinceEpoch
        let inSummerTime = wallSeconds - summerOffset
        if isSummerTime(atSecondsSinceEpoch: inSummerTime) { return inSummerTime }
        let inStandardTime = wallSeconds - standardOffset
        if !isSummerTime(atSecondsSinceEpoch: inStandardTime) { return inStandardTime }
        return summerTime(in: local.date.year).lowerBound  // spring gap
    }

    /// Both transitions happen at 01:00 UTC.
    private static let transitionSecondOfDay = 3600

    /// The day number (since 1970-01-01) of the last Sunday of a 31-day `month`.
    private static func lastSunday(ofMonth month: Int, year: Int) -> Int {
        let lastDay = GregorianArithmetic.daysSinceEpoch(year: year, month: month, day: 31)
        // ISO weekday 7 (Sunday) goes back 0 days, 1 (Monday) 1 day, ..., 6 (Saturday) 6 days.
        return lastDay - GregorianArithmetic.isoWeekday(daysSinceEpoch: lastDay) % 7
    }
}
