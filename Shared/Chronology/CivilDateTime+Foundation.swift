import Foundation

extension CivilDateTime {
    /// The UTC date and time of `instant`, rounded down to the whole second (a fraction of a
    /// second is dropped, also before 1970), or `nil` outside ``CivilDate/supportedYears``.
    public init?(utc instant: Date) {
        guard let seconds = instant.wholeSecondsSinceEpoch else { return nil }
        self.init(secondsSinceEpoch: seconds)
    }

    /// The instant at which UTC clocks show this date and time.
    public var utcInstant: Date {
        Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch))
    }
}
