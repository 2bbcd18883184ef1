extension CivilDate {
    /// The first supported day, 0000-01-01.
    public static let earliest = CivilDate(unchecked: (supportedYears.lowerBound, 1, 1))
    /// The last supported day, 9999-12-31.
    public static let latest = CivilDate(unchecked: (supportedYears.upperBound, 12, 31))

    /// Days from 1970-01-01 to this date: `0` for 1970-01-01, negative before it.
    public var daysSinceEpoch: Int {
        GregorianArithmetic.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// The date `days` after 1970-01-01 (before it when negative), or `nil` if that day lies
    /// outside ``supportedYears``.
    public init?(daysSinceEpoch days: Int) {
        guard (Self.earliest.daysSinceEpoch...Self.latest.daysSinceEpoch).contains(days) else { return nil }
        self.init(unchecked: GregorianArithmetic.civil(daysSinceEpoch: days))
    }
}

extension CivilDate: Strideable {
    /// The date `days` days later (earlier when negative).
    ///
    /// - Precondition: the result lies in ``supportedYears`` (like `Int` overflow, leaving them traps).
    public func advanced(by days: Int) -> CivilDate {
        guard let result = CivilDate(daysSinceEpoch: daysSinceEpoch + days) else {
            preconditionFailure("\(self) advanced by \(days) days is outside years \(Self.supportedYears)")
        }
        return result
    }

    /// The number of days from this date to `other`: positive when `other` is later.
    public func distance(to other: CivilDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }
}
