/// The dates of the ``DanishHoliday``s in a year.
///
/// Today's rules are applied to every year in ``CivilDate/supportedYears``, except that store
/// bededag is kept only up to ``lastYearWithGreatPrayerDay``; dates long before our time are
/// therefore not historically accurate.
public enum DanishHolidays {
    /// The last year with store bededag as a holiday; it was abolished from 2024.
    public static let lastYearWithGreatPrayerDay = 2023

    /// The date of `holiday` in `year`, or `nil` for store bededag after 2023.
    ///
    /// - Precondition: `year` is in ``CivilDate/supportedYears``.
    public static func date(of holiday: DanishHoliday, in year: Int) -> CivilDate? {
        date(of: holiday, in: year, easterSunday: CivilDate.easterSunday(in: year))
    }

    /// Every holiday in `year` with its date, in date order.
    public static func holidays(in year: Int) -> [(date: CivilDate, holiday: DanishHoliday)] {
        let easter = CivilDate.easterSunday(in: year)
        return DanishHoliday.allCases
            .compactMap { holiday in date(of: holiday, in: year, easterSunday: easter).map { ($0, holiday) } }
            .sorted { $0.date < $1.date }
    }

    /// The holidays that fall on `date`, in order of precedence; usually none or one.
    public static func holidays(on date: CivilDate) -> [DanishHoliday] {
        let easter = CivilDate.easterSunday(in: date.year)
        return DanishHoliday.allCases.filter { self.date(of: $0, in: date.year, easterSunday: easter) == date }
    }

    /// The holiday on `date`, or `nil` for an ordinary day; if two coincide, the public holiday.
    public static func holiday(on date: CivilDate) -> DanishHoliday? {
        holidays(on: date).first
    }

    private static func date(of holiday: DanishHoliday, in year: Int, easterSunday easter: CivilDate) -> CivilDate? {
        switch holiday {
        case .newYearsDay: CivilDate(year: year, month: 1, day: 1)
        case .maundyThursday: easter.advanced(by: -3)
        case .goodFriday: easter.advanced(by: -2)
        case .easterSunday: easter
        case .easterMonday: easter.advanced(by: 1)
        case .greatPrayerDay: year <= lastYearWithGreatPrayerDay ? easter.advanced(by: 26) : nil
        case .ascensionDay: easter.advanced(by: 39)
        case .whitSunday: easter.advanced(by: 49)
        case .whitMonday: easter.advanced(by: 50)
        case .constitutionDay: CivilDate(year: year, month: 6, day: 5)
        case .christmasEve: CivilDate(year: year, month: 12, day: 24)
        case .christmasDay: CivilDate(year: year, month: 12, day: 25)
        case .secondChristmasDay: CivilDate(year: year, month: 12, day: 26)
        case .newYearsEve: CivilDate(year: year, month: 12, day: 31)
        }
    }
}
