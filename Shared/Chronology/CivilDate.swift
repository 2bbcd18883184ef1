/// A day in the proleptic Gregorian calendar, with no time of day and no time zone:
/// the `2025-04-23` of a deadline, a due date or a PostgreSQL `date`.
///
/// Years run over ``supportedYears`` (0000 to 9999, the years RFC 3339 can write), so every
/// date prints as `YYYY-MM-DD` (see ``description``) and day arithmetic never overflows.
/// Dates compare and hash by their day; ``daysSinceEpoch`` counts them from 1970-01-01.
public struct CivilDate: Sendable, Hashable {
    /// The years a ``CivilDate`` can have.
    public static let supportedYears: ClosedRange<Int> = 0...9999

    /// The year, in ``supportedYears``.
    public let year: Int
    /// The month, `1...12`.
    public let month: Int
    /// The day of the month, `1...31`.
    public let day: Int

    /// The date, or `nil` if there is no such day (`2025-02-30`, month 13) or the year is outside
    /// ``supportedYears``.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
            (1...GregorianArithmetic.numberOfDays(inMonth: month, year: year)).contains(day)
        else { return nil }
        self.init(unchecked: (year, month, day))
    }

    /// A date whose components are already known to be valid.
    init(unchecked components: (year: Int, month: Int, day: Int)) {
        self.year = components.year
        self.month = components.month
        self.day = components.day
    }

    /// Whether `year` has a 29 February (every fourth year, but not whole centuries unless divisible by 400).
    public static func isLeapYear(_ year: Int) -> Bool {
        GregorianArithmetic.isLeapYear(year)
    }

    /// The number of days, 28 to 31, in `month` (`1...12`) of `year`.
    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        precondition((1...12).contains(month), "month \(month) is not in 1...12")
        return GregorianArithmetic.numberOfDays(inMonth: month, year: year)
    }
}

extension CivilDate: Comparable {
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CivilDate {
    /// The first day of this date's month.
    public var firstOfMonth: CivilDate { CivilDate(year: year, month: month, day: 1)! }
}
