/// An amount of Danish money in øre (1 kr = 100 øre), exact and signed.
///
/// Every amount in SpotJob is a whole number of øre; nothing is ever a floating-point number.
/// Negative amounts are credits. Coded as the bare integer of øre (`17500000`).
/// ``danishText`` is what people read (`175.000,00 kr`), ``decimalText`` what XML carries
/// (`175000.00`); the VAT on a net amount is ``vat(ofNet:)``.
public struct Money: Sendable, Hashable, Comparable, Codable {
    /// The amount in øre.
    public let ore: Int64

    /// The amount of `ore` øre.
    public init(ore: Int64) {
        self.ore = ore
    }

    /// The amount of `kroner` whole kroner, e.g. `Money(kroner: 175_000)`.
    public init(kroner: Int64) {
        self.ore = kroner * 100
    }

    /// No money.
    public static let zero = Money(ore: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.ore < rhs.ore }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(ore: lhs.ore + rhs.ore) }

    public static func - (lhs: Money, rhs: Money) -> Money { Money(ore: lhs.ore - rhs.ore) }

    public static prefix func - (amount: Money) -> Money { Money(ore: -amount.ore) }

    public init(from decoder: any Decoder) throws {
        self.ore = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(ore)
    }
}

extension Sequence<Money> {
    /// The sum of the amounts; ``Money/zero`` for none.
    public func sum() -> Money { reduce(.zero, +) }
}
