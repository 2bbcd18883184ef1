import Chronology
import Domain

/// A Task Force meeting of a contract was held (`taskforce.meeting-held`).
public struct MeetingHeld: Sendable, Hashable {
    public let contractId: String
    public let meetingId: String
    public let heldOn: CivilDate
}

/// An event was booked (`event.booked`): half its price is invoiced now.
public struct EventBooking: Sendable, Hashable {
    public let contractId: String
    public let eventId: String
    public let title: String
    public let price: Money
    public let bookedOn: CivilDate
}

/// An event was held (`event.held`): the rest of its price is invoiced.
public struct EventHolding: Sendable, Hashable {
    public let contractId: String
    public let eventId: String
    public let heldOn: CivilDate
}

/// An event was cancelled (`event.cancelled`): its second half is not invoiced.
public struct EventCancellation: Sendable, Hashable {
    public let contractId: String
    public let eventId: String
}

/// An extra was delivered (`extra.delivered`), e.g. an extra talk: invoiced at once.
public struct ExtraDelivery: Sendable, Hashable {
    public let contractId: String
    public let extraId: String
    public let description: String
    public let amount: Money
    public let deliveredOn: CivilDate
}

/// A trip was driven for a `state-rate` contract (`mileage.logged`): invoiced with its month.
public struct TripLogged: Sendable, Hashable {
    public let contractId: String
    public let tripId: String
    public let date: CivilDate
    public let distance: Kilometres
    public let purpose: String
}

/// Billing staff ask for a whole invoice to be credited (`invoice.credit-requested`).
public struct CreditRequest: Sendable, Hashable {
    public let invoiceNumber: Int
    public let reason: String
}
