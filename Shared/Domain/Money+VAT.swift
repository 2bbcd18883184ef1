extension Money {
    /// The Danish VAT rate (moms), in percent.
    public static let vatPercent: Int64 = 25

    /// The VAT on the net amount `net`: 25 % of it, rounded to the øre, half up.
    ///
    /// "Half up" is taken as half **away from zero**, so a credit's VAT is the exact negative of
    /// the VAT on the same amount charged: `vat(ofNet: 2 øre)` is 1 øre (0.5 rounded up) and
    /// `vat(ofNet: -2 øre)` is -1 øre, never 0. A credit note therefore cancels its invoice
    /// to the øre.
    public static func vat(ofNet net: Money) -> Money {
        Money(ore: (net.ore * vatPercent).dividedRoundingHalfAwayFromZero(by: 100))
    }
}
