/// What an invoice or credit note bills: claimed once per contract in `billed_items` (until a
/// credit note releases it) and stored with the document (`documents.source`), as its ``key``.
public enum InvoiceSource: Hashable, Sendable {
    /// A line of the contract's schedule: `line:LINEID`.
    case line(String)
    /// The first half of an event's price, at booking: `event:EVENTID/booked`.
    case eventBooked(eventId: String)
    /// The second half, after the event was held: `event:EVENTID/held`.
    case eventHeld(eventId: String)
    /// An extra delivered: `extra:EXTRAID`.
    case extra(String)
    /// One trip of a month's mileage invoice: `trip:TRIPID`.
    case trip(String)
    /// A month's mileage invoice: `mileage:YYYY-MM`.
    case mileage(month: String)
    /// The credit note of invoice `invoiceNumber`: `credit:N`.
    case credit(invoiceNumber: Int)

    /// The stored form.
    public var key: String {
        switch self {
        case .line(let lineId): "line:\(lineId)"
        case .eventBooked(let eventId): "event:\(eventId)/booked"
        case .eventHeld(let eventId): "event:\(eventId)/held"
        case .extra(let extraId): "extra:\(extraId)"
        case .trip(let tripId): "trip:\(tripId)"
        case .mileage(let month): "mileage:\(month)"
        case .credit(let number): "credit:\(number)"
        }
    }

    /// The source stored as `key`; `nil` for a key of no known form.
    public init?(key: String) {
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let kind = key[..<colon]
        let rest = String(key[key.index(after: colon)...])
        switch kind {
        case "line": self = .line(rest)
        case "event" where rest.hasSuffix("/booked"): self = .eventBooked(eventId: String(rest.dropLast("/booked".count)))
        case "event" where rest.hasSuffix("/held"): self = .eventHeld(eventId: String(rest.dropLast("/held".count)))
        case "extra": self = .extra(rest)
        case "trip": self = .trip(rest)
        case "mileage": self = .mileage(month: rest)
        case "credit":
            guard let number = Int(rest) else { return nil }
            self = .credit(invoiceNumber: number)
        default: return nil
        }
    }

    /// The schedule line it bills, for a ``line(_:)``.
    var lineId: String? {
        if case .line(let lineId) = self { lineId } else { nil }
    }
}
