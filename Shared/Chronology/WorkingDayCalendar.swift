/// The working days of Danish public offices: Monday to Friday, except the ``DanishHoliday``s.
///
/// Holidays are computed when asked (an Easter date is a few dozen integer operations), so the
/// calendar holds no state and no cache. Counting walks day by day: fine for deadlines and
/// lateness of days to months, not meant for spans of centuries.
public struct WorkingDayCalendar: Sendable, Hashable {
    /// The calendar of Danish public offices.
    public init() {}

    /// Whether public offices are open on `date`: a Monday to Friday that is no ``DanishHoliday``.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        !date.weekday.isWeekend && DanishHolidays.holiday(on: date) == nil
    }

    /// The Danish name of the holiday on `date` (e.g. `"skærtorsdag"`), or `nil` for an ordinary day.
    public func holidayName(on date: CivilDate) -> String? {
        DanishHolidays.holiday(on: date)?.danishName
    }

    /// `date` if it is a working day, otherwise the first working day after it.
    public func nextWorkingDay(onOrAfter date: CivilDate) -> CivilDate {
        var day = date
        while !isWorkingDay(day) { day = day.advanced(by: 1) }
        return day
    }

    /// The `count`th working day after `date`; `date` itself never counts, working day or not.
    ///
    /// Submitted on skærtorsdag 17 April 2025, two working days later is 23 April 2025
    /// (18–21 April are langfredag, a weekend and 2. påskedag; 22 April is the first).
    ///
    /// - Precondition: `count` ≥ 1.
    public func addingWorkingDays(_ count: Int, to date: CivilDate) -> CivilDate {
        precondition(count >= 1, "count \(count) of working days must be at least 1")
        var day = date
        for _ in 0..<count { day = nextWorkingDay(onOrAfter: day.advanced(by: 1)) }
        return day
    }

    /// The number of working days after `start` up to and including `end`: how many working days
    /// `end` is past `start`, e.g. how late a reply on `end` is for a deadline on `start`.
    ///
    /// `0` when `end` is `start`, or when only non-working days lie between them. When `end`
    /// is before `start` the count is negated: minus the working days after `end` up to and
    /// including `start`. So `workingDays(from: a, to: b) == -workingDays(from: b, to: a)`,
    /// and `workingDays(from: date, to: addingWorkingDays(n, to: date)) == n`.
    public func workingDays(from start: CivilDate, to end: CivilDate) -> Int {
        guard start <= end else { return -workingDays(from: end, to: start) }
        var count = 0
        var day = start
        while day < end {
            day = day.advanced(by: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }
}
