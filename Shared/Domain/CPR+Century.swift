extension CPR {
    /// The first year of the century of a birth year written `YY`, by the CPR rules for the
    /// seventh digit (the first of the serial number):
    ///
    /// | seventh digit | `YY` 00–36 | `YY` 37–57 | `YY` 58–99 |
    /// |---|---|---|---|
    /// | 0–3 | 1900 | 1900 | 1900 |
    /// | 4, 9 | 2000 | 1900 | 1900 |
    /// | 5–8 | 2000 | 2000 | 1800 |
    static func century(seventhDigit: Int, yearOfCentury: Int) -> Int {
        switch seventhDigit {
        case 0...3: 1900
        case 4, 9: yearOfCentury <= 36 ? 2000 : 1900
        default: yearOfCentury <= 57 ? 2000 : 1800
        }
    }
}
