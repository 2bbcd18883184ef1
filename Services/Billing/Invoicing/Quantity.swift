/// How many units an invoice line bills, to a thousandth: `1` event, `12.3` km.
///
/// Stored as a whole number of thousandths so it is exact; written as a plain decimal without
/// trailing zeros (``decimalText``), as OIOUBL's `InvoicedQuantity` wants it.
public struct Quantity: Sendable, Hashable, Comparable {
    /// The quantity times 1000.
    public let thousandths: Int64

    /// `thousandths` thousandths of a unit.
    public init(thousandths: Int64) {
        self.thousandths = thousandths
    }

    /// `whole` units.
    public init(_ whole: Int64) {
        self.thousandths = whole * 1000
    }

    /// The kilometres of `distance`, for a line in ``UnitCode/kilometre``.
    public init(_ distance: Kilometres) {
        self.thousandths = distance.tenths * 100
    }

    /// `1`, `12.3`, `0.125`: no grouping, `.` before the decimals, no trailing zeros.
    public var decimalText: String {
        let (whole, fraction) = thousandths.magnitude.quotientAndRemainder(dividingBy: 1000)
        var text = (thousandths < 0 ? "-" : "") + String(whole)
        if fraction > 0 {
            var decimals = String(fraction)
            decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
            while decimals.hasSuffix("0") { decimals.removeLast() }
            text += "." + decimals
        }
        return text
    }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.thousandths < rhs.thousandths }
}
