import Foundation

extension Copenhagen {
    /// Copenhagen's offset from UTC at `instant`, in seconds: ``summerOffset`` or
    /// ``standardOffset`` (the latter for an instant that is not finite).
    public static func utcOffset(at instant: Date) -> Int {
        guard let seconds = instant.wholeSecondsSinceEpoch else { return standardOffset }
        return utcOffset(atSecondsSinceEpoch: seconds)
    }

    /// What Copenhagen clocks show at `instant`, to the whole second (rounded down), or `nil` if
    /// that lies outside ``CivilDate/supportedYears``.
    public static func localDateTime(at instant: Date) -> CivilDateTime? {
        instant.wholeSecondsSinceEpoch.flatMap(localDateTime(atSecondsSinceEpoch:))
    }

    /// The Copenhagen calendar date at `instant`, or `nil` outside ``CivilDate/supportedYears``.
    public static func date(at instant: Date) -> CivilDate? {
        localDateTime(at: instant)?.date
    }

    /// The instant at which Copenhagen clocks first show `local` or a later time; see
    /// ``secondsSinceEpoch(ofLocal:)`` for the spring gap and the autumn overlap.
    public static func instant(ofLocal local: CivilDateTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch(ofLocal: local)))
    }

    /// The instant of `hour:minute` Copenhagen time on `date`, e.g. a 16:00 deadline; see
    /// ``secondsSinceEpoch(ofLocal:)`` for the spring gap and the autumn overlap.
    ///
    /// - Precondition: `hour` is in `0...23` and `minute` in `0...59`.
    public static func instant(on date: CivilDate, hour: Int, minute: Int) -> Date {
        guard let local = CivilDateTime(date: date, hour: hour, minute: minute) else {
            preconditionFailure("\(hour):\(minute) is not a time of day")
        }
        return instant(ofLocal: local)
    }
}
