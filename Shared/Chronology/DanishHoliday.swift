/// A day Danish public offices are closed although it may fall on a weekday: the public
/// holidays (helligdage) and the three days offices close by custom and agreement.
///
/// The cases are in order of precedence: when two fall on one day (2. pinsedag was
/// grundlovsdag on 5 June 2017), ``DanishHolidays/holiday(on:)`` names the earlier case.
public enum DanishHoliday: Sendable, Hashable, CaseIterable {
    /// Nytårsdag, 1 January.
    case newYearsDay
    /// Skærtorsdag, the Thursday before Easter.
    case maundyThursday
    /// Langfredag, the Friday before Easter.
    case goodFriday
    /// Påskedag, Easter Sunday.
    case easterSunday
    /// 2. påskedag, Easter Monday.
    case easterMonday
    /// Store bededag, the fourth Friday after Easter; a holiday up to and including 2023
    /// (``DanishHolidays/lastYearWithGreatPrayerDay``), abolished from 2024.
    case greatPrayerDay
    /// Kristi himmelfartsdag, 39 days after Easter.
    case ascensionDay
    /// Pinsedag, Whit Sunday, 49 days after Easter.
    case whitSunday
    /// 2. pinsedag, Whit Monday, 50 days after Easter.
    case whitMonday
    /// Juledag, 25 December.
    case christmasDay
    /// 2. juledag, 26 December.
    case secondChristmasDay
    /// Grundlovsdag, 5 June: not a public holiday, but public offices close.
    case constitutionDay
    /// Juleaftensdag, 24 December: not a public holiday, but public offices close.
    case christmasEve
    /// Nytårsaftensdag, 31 December: not a public holiday, but public offices close.
    case newYearsEve

    /// The name in Danish as written in running text, e.g. `"2. påskedag"`.
    public var danishName: String {
        switch self {
        case .newYearsDay: "nytårsdag"
        case .maundyThursday: "skærtorsdag"
        case .goodFriday: "langfredag"
        case .easterSunday: "påskedag"
        case .easterMonday: "2. påskedag"
        case .greatPrayerDay: "store bededag"
        case .ascensionDay: "Kristi himmelfartsdag"
        case .whitSunday: "pinsedag"
        case .whitMonday: "2. pinsedag"
        case .christmasDay: "juledag"
        case .secondChristmasDay: "2. juledag"
        case .constitutionDay: "grundlovsdag"
        case .christmasEve: "juleaftensdag"
        case .newYearsEve: "nytårsaftensdag"
        }
    }

    /// Whether this is a public holiday (helligdag) by law, rather than a day offices close by custom.
    public var isPublicHoliday: Bool {
        switch self {
        case .constitutionDay, .christmasEve, .newYearsEve: false
        default: true
        }
    }
}
