import BodyReading
import Contracts

/// A message on billing's queue as ``BillingHandler/read(_:)`` found it, before any database work.
public enum BillingMessage: Sendable {
    case contract(BillingContract)
    case meeting(MeetingHeld)
    case eventBooked(EventBooking)
    case eventHeld(EventHolding)
    case eventCancelled(EventCancellation)
    case extra(ExtraDelivery)
    case trip(TripLogged)
    case credit(CreditRequest)
    /// A body billing cannot accept: every problem found.
    case invalid(Rejection)

    /// The contract the message is about, when it names one and it could be read.
    public var contractId: String? {
        switch self {
        case .contract(let contract): contract.contractId
        case .meeting(let meeting): meeting.contractId
        case .eventBooked(let booking): booking.contractId
        case .eventHeld(let holding): holding.contractId
        case .eventCancelled(let cancellation): cancellation.contractId
        case .extra(let extra): extra.contractId
        case .trip(let trip): trip.contractId
        case .credit: nil
        case .invalid(let rejection): rejection.subject
        }
    }

    /// Reads a message of `type`.
    static func read(type: String, body: [UInt8]) -> BillingMessage {
        func read<Value>(_ result: Result<Value, Rejection>, _ make: (Value) -> BillingMessage) -> BillingMessage {
            switch result {
            case .success(let value): make(value)
            case .failure(let rejection): .invalid(rejection)
            }
        }
        switch type {
        case BillingEvents.contractRegistered: return read(ContractReader.read(body), BillingMessage.contract)
        case BillingEvents.meetingHeld: return read(ActivityReader.meetingHeld(body), BillingMessage.meeting)
        case BillingEvents.eventBooked: return read(ActivityReader.eventBooked(body), BillingMessage.eventBooked)
        case BillingEvents.eventHeld: return read(ActivityReader.eventHeld(body), BillingMessage.eventHeld)
        case BillingEvents.eventCancelled: return read(ActivityReader.eventCancelled(body), BillingMessage.eventCancelled)
        case BillingEvents.extraDelivered: return read(ActivityReader.extraDelivered(body), BillingMessage.extra)
        case BillingEvents.mileageLogged: return read(ActivityReader.mileageLogged(body), BillingMessage.trip)
        case BillingEvents.creditRequested: return read(ActivityReader.creditRequested(body), BillingMessage.credit)
        default:
            return .invalid(.unsupported(type: type, by: BillingEvents.service))
        }
    }
}
