import Chronology
import Foundation

/// The ranges the dates and instants of message bodies are held to (each field's is in
/// `docs/messages.md`), so that no value from another century reaches the database or the
/// arithmetic of deadlines and timers. ``FieldReader`` refuses a value before its range as
/// `too-early` and one after it as `too-late`, naming the bound and never the value.
public enum DateBounds {
    /// Days of business: contract periods and signatures, due dates, meetings, events, extras,
    /// trips, placements and a candidate's first available day; 2000-01-01 to 2100-12-31.
    public static let businessDays = CivilDate(year: 2000, month: 1, day: 1)!...CivilDate(year: 2100, month: 12, day: 31)!

    /// The day a person's unemployment began: 1900-01-01 to 2100-12-31 (that it is not after
    /// today is the profile's own rule, `in-the-future`).
    public static let unemploymentDays = CivilDate(year: 1900, month: 1, day: 1)!...businessDays.upperBound

    /// The earliest instant of something that happened: 2000-01-01T00:00:00Z.
    public static let earliestInstant = Date(timeIntervalSince1970: 946_684_800)

    /// How far after the moment of reading a sender's clock may place what happened: one day.
    public static let clockSkew: TimeInterval = 86_400

    /// Instants of things that happened (a sheet filled in, an opening registered, a company
    /// contacted, a check-in completed), read at `now`: ``earliestInstant`` to ``clockSkew`` after `now`.
    public static func pastInstants(readAt now: Date) -> ClosedRange<Date> {
        earliestInstant...max(earliestInstant, now + clockSkew)
    }
}
