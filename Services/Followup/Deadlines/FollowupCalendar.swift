import Chronology
import Foundation

/// When followup's duties fall due, in Copenhagen time on Danish public-office working days.
///
/// Pure: every rule of the contact duty and the retention check-ins, from an instant or a date to
/// the UTC instants followup stores and schedules timers at.
public struct FollowupCalendar: Sendable {
    /// Working days after the sheet's Copenhagen date by which the company must be contacted.
    public var contactWorkingDays: Int
    /// Days after a placement's start date of each check-in (default 7, 28 and 91).
    public var checkinDays: [Int]
    /// Days a closed task's company contact (name, phone, e-mail) is kept before it is erased.
    public var contactRetentionDays: Int
    public var workingDays = WorkingDayCalendar()

    public init(contactWorkingDays: Int = 2, checkinDays: [Int] = [7, 28, 91], contactRetentionDays: Int = 90) {
        precondition(contactWorkingDays >= 1, "the contact deadline is at least one working day after submission")
        precondition(contactRetentionDays >= 1, "a closed task's contact is kept at least a day")
        self.contactWorkingDays = contactWorkingDays
        self.checkinDays = checkinDays
        self.contactRetentionDays = contactRetentionDays
    }

    /// When the contact of a task closed at `closedAt` is erased: ``contactRetentionDays`` later.
    public func contactErasure(closedAt: Date) -> Date {
        closedAt.addingTimeInterval(Double(contactRetentionDays) * 86_400)
    }

    /// The contact duty's instants for a sheet submitted at `submittedAt`.
    public struct ContactDeadlines: Sendable, Hashable {
        /// 08:00 on the due day: `followup.contact-due` if the company has not been reached.
        public var reminderAt: Date
        /// 16:00 on the Nth working day: the deadline, and escalation level 1.
        public var dueAt: Date
        /// 16:00 on the second working day after the deadline: escalation level 2.
        public var secondEscalationAt: Date
    }

    /// 16:00 Copenhagen on the ``contactWorkingDays``th working day after the Copenhagen date of
    /// `submittedAt` (submitted Thursday 17 April 2025, skærtorsdag → due 23 April 2025 16:00+02:00).
    public func contactDeadlines(submittedAt: Date) -> ContactDeadlines {
        let submitted = Copenhagen.date(at: submittedAt) ?? CivilDate(year: 1970, month: 1, day: 1)!
        let dueDay = workingDays.addingWorkingDays(contactWorkingDays, to: submitted)
        return ContactDeadlines(
            reminderAt: Copenhagen.instant(on: dueDay, hour: 8, minute: 0),
            dueAt: Copenhagen.instant(on: dueDay, hour: 16, minute: 0),
            secondEscalationAt: escalation(after: dueDay))
    }

    /// Escalation level 2 of a contact duty due at `dueAt`: 16:00 on the second working day after its
    /// Copenhagen date (as ``contactDeadlines(submittedAt:)`` computes it).
    public func secondEscalation(dueAt: Date) -> Date {
        escalation(after: Copenhagen.date(at: dueAt) ?? CivilDate(year: 1970, month: 1, day: 1)!)
    }

    /// A placement's check-ins: for each of ``checkinDays``, `startDate` + that many days, moved
    /// forward to the next working day, at 10:00 Copenhagen; in order, `sequence` 1, 2, 3.
    public func checkins(startDate: CivilDate) -> [Checkin] {
        checkinDays.enumerated().map { index, days in
            let day = workingDays.nextWorkingDay(onOrAfter: startDate.advanced(by: days))
            return Checkin(sequence: index + 1, dueAt: Copenhagen.instant(on: day, hour: 10, minute: 0), escalationAt: escalation(after: day))
        }
    }

    /// One check-in's instants.
    public struct Checkin: Sendable, Hashable {
        public var sequence: Int
        /// 10:00 on its working day: `followup.checkin-due`.
        public var dueAt: Date
        /// 16:00 on the second working day after it was due, if not completed: `followup.escalated`.
        public var escalationAt: Date
    }

    /// 16:00 Copenhagen on the second working day after `day`.
    private func escalation(after day: CivilDate) -> Date {
        Copenhagen.instant(on: workingDays.addingWorkingDays(2, to: day), hour: 16, minute: 0)
    }

    /// How late `instant` is against `dueAt`, in working days: 0 until the deadline has passed, then
    /// the working days from the due day to `instant`'s Copenhagen day (at least 1 once overdue).
    public func workingDaysLate(dueAt: Date, at instant: Date) -> Int {
        guard instant > dueAt, let due = Copenhagen.date(at: dueAt), let now = Copenhagen.date(at: instant) else { return 0 }
        return max(1, workingDays.workingDays(from: due, to: now))
    }
}
