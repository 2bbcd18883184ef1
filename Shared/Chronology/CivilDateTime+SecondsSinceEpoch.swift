extension CivilDateTime {
    /// Seconds from 1970-01-01T00:00:00Z to this date and time read as UTC (Unix time).
    public var secondsSinceEpoch: Int {
        date.daysSinceEpoch * Self.secondsPerDay + secondOfDay
    }

    /// The UTC date and time `seconds` after 1970-01-01T00:00:00Z, or `nil` outside
    /// ``CivilDate/supportedYears``.
    ///
    /// Negative seconds round towards the past: `-1` is 1969-12-31T23:59:59.
    public init?(secondsSinceEpoch seconds: Int) {
        guard let date = CivilDate(daysSinceEpoch: seconds.floorDivided(by: Self.secondsPerDay)) else { return nil }
        self.date = date
        self.secondOfDay = seconds.floorModulo(Self.secondsPerDay)
    }
}
