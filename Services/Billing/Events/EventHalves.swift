import Domain

/// The two invoices of an event or arrangement (seed 004, section 6): "1/2 når event dato er
/// fastsat/bookning af indlægsholdere, 1/2 efter afholdelse".
///
/// ``onBooking`` is half the price, rounded down to the øre; ``afterEvent`` is the rest, so an
/// odd øre is billed when the event has been held and the halves always add up to the price.
/// (For a negative price the halves are the negatives of those of its magnitude.)
public struct EventHalves: Sendable, Hashable {
    /// Billed when the date is set and the speakers are booked.
    public let onBooking: Money
    /// Billed after the event has been held; carries the odd øre.
    public let afterEvent: Money

    /// Splits `price` (net, ex. VAT) into its two invoices.
    public init(price: Money) {
        // Int64 division truncates toward zero: -101 / 2 is -50, leaving -51 for afterwards.
        self.onBooking = Money(ore: price.ore / 2)
        self.afterEvent = price - onBooking
    }
}
