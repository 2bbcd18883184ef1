import Chronology
import Foundation

/// When a contract's lines fall due, and what a revision may change. Pure: the handler gives it
/// what the database holds.
public enum ScheduleRules {
    /// The hour (Copenhagen time) at which a fixed-date line falls due on its date.
    public static let issuingHour = 6

    /// The instant a fixed-date line falls due: 06:00 Copenhagen time on `date`.
    public static func dueInstant(of date: CivilDate) -> Date {
        Copenhagen.instant(on: date, hour: issuingHour, minute: 0)
    }

    /// Whether `due` has come at `now`, with `meetingsHeld` meetings of the contract held.
    public static func isDue(_ due: ScheduleLine.Due, meetingsHeld: Int, now: Date) -> Bool {
        switch due {
        case .signed: true
        case .on(let date): dueInstant(of: date) <= now
        case .afterMeetings(let count): meetingsHeld >= count
        }
    }

    /// The lines of `schedule` that are due and not invoiced, in schedule order.
    public static func dueLines(
        of schedule: [ScheduleLine], invoiced: Set<String>, meetingsHeld: Int, now: Date
    ) -> [ScheduleLine] {
        schedule.filter { !invoiced.contains($0.lineId) && isDue($0.due, meetingsHeld: meetingsHeld, now: now) }
    }

    /// The ids of invoiced lines that `revised` changes (amount, description or due) or removes,
    /// in the order of `current`: a revision may replace only lines not yet invoiced.
    public static func invoicedLinesChanged(from current: [ScheduleLine], to revised: [ScheduleLine], invoiced: Set<String>) -> [String] {
        let revisedById = Dictionary(revised.map { ($0.lineId, $0) }, uniquingKeysWith: { first, _ in first })
        return current.filter { invoiced.contains($0.lineId) && revisedById[$0.lineId] != $0 }.map(\.lineId)
    }
}

extension ScheduleRules {
    /// The 1st of the month after `date`'s month: when that month's mileage is invoiced.
    public static func firstOfNextMonth(after date: CivilDate) -> CivilDate {
        let first = date.firstOfMonth
        return first.advanced(by: CivilDate.numberOfDays(inMonth: first.month, year: first.year))
    }
}
