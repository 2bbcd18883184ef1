extension CivilDate {
    /// Easter Sunday of `year` in the Gregorian calendar (Western Easter), by the anonymous
    /// Gregorian algorithm of Meeus, Jones and Butcher: always between 22 March and 25 April.
    ///
    /// - Precondition: `year` is in ``supportedYears``.
    public static func easterSunday(in year: Int) -> CivilDate {
        precondition(supportedYears.contains(year), "year \(year) is outside \(supportedYears)")
        let a = year % 19  // place in the 19-year lunar (Metonic) cycle
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30  // days from 21 March to the Paschal full moon, roughly
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7  // days from the full moon to the next Sunday
        let m = (a + 11 * h + 22 * l) / 451
        let monthAndDay = h + l - 7 * m + 114
        return CivilDate(unchecked: (year, monthAndDay / 31, monthAndDay % 31 + 1))
    }
}
