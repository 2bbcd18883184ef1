import Domain

/// One line of an ``Invoice``: what is billed, how much of it, at what price, for what amount
/// (net, ex. VAT).
///
/// ``amount`` is given, not derived: for a mileage line it is the kilometres times the rate
/// rounded to the øre (see ``MileageBilling``), which ``quantity`` × ``unitPrice`` only
/// approximates in the document.
public struct InvoiceLine: Sendable, Hashable {
    /// The line's id, unique within its invoice.
    public let lineId: String
    /// What the line bills, in Danish, as the customer reads it.
    public let description: String
    public let quantity: Quantity
    public let unitCode: UnitCode
    /// The net price of one unit.
    public let unitPrice: Money
    /// The net amount of the line.
    public let amount: Money

    public init(lineId: String, description: String, quantity: Quantity, unitCode: UnitCode, unitPrice: Money, amount: Money) {
        self.lineId = lineId
        self.description = description
        self.quantity = quantity
        self.unitCode = unitCode
        self.unitPrice = unitPrice
        self.amount = amount
    }

    /// A line billing one item at `price`: an instalment of a contract, an event half.
    public static func single(lineId: String, description: String, price: Money) -> InvoiceLine {
        InvoiceLine(lineId: lineId, description: description, quantity: Quantity(1), unitCode: .each, unitPrice: price, amount: price)
    }
}
