/// A ``CivilDate`` and a time of day to the whole second, with no time zone: what a clock
/// and a calendar on the wall show.
///
/// Read as UTC it is an instant (``secondsSinceEpoch``, or `Date` through ``init(utc:)`` and
/// ``utcInstant``); read as Copenhagen wall time, ``Copenhagen`` converts it. There are no leap
/// seconds: a day has 86 400 of them, as in Unix time and PostgreSQL.
public struct CivilDateTime: Sendable, Hashable {
    /// Seconds in a day.
    public static let secondsPerDay = 86_400

    /// The day.
    public let date: CivilDate
    /// Seconds since midnight, `0..<86_400`.
    public let secondOfDay: Int

    /// The date and time `secondOfDay` seconds after midnight, or `nil` unless `secondOfDay`
    /// is in `0..<86_400`.
    public init?(date: CivilDate, secondOfDay: Int) {
        guard (0..<Self.secondsPerDay).contains(secondOfDay) else { return nil }
        self.date = date
        self.secondOfDay = secondOfDay
    }

    /// The date at `hour:minute:second`, or `nil` unless `hour` is in `0...23` and `minute`
    /// and `second` in `0...59`.
    public init?(date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.init(date: date, secondOfDay: hour * 3600 + minute * 60 + second)
    }

    /// The hour, `0...23`.
    public var hour: Int { secondOfDay / 3600 }
    /// The minute, `0...59`.
    public var minute: Int { secondOfDay / 60 % 60 }
    /// The second, `0...59`.
    public var second: Int { secondOfDay % 60 }
}

extension CivilDateTime: Comparable {
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.date, lhs.secondOfDay) < (rhs.date, rhs.secondOfDay)
    }
}

extension CivilDateTime: CustomStringConvertible {
    /// The date and time as `YYYY-MM-DDTHH:MM:SS`, e.g. `"2025-04-23T14:00:00"`, with no offset.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        date.appendISO8601(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        bytes.appendDecimal(hour, width: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDecimal(minute, width: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDecimal(second, width: 2)
        return String(decoding: bytes, as: UTF8.self)
    }
}
