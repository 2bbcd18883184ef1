import BodyReading
import Domain
import Foundation
import Messaging
import PostgresClient

/// What happens under a registered contract: meetings held (lines due after N meetings), events
/// booked, held and cancelled (half the price at booking, half after), extras delivered, trips
/// logged (invoiced monthly by a timer). Each is recorded once; a repeat changes nothing.
struct ActivityRecording: Sendable {
    let drafting: InvoiceDrafting

    func record(
        _ message: BillingMessage, under contract: BillingContract, cause: Envelope, at now: Date, on connection: PostgresConnection
    ) throws -> BillingOutcome {
        func refused(_ field: String, _ code: FieldError.Code, _ message: String) -> BillingOutcome {
            .rejected(Rejection(subject: contract.contractId, errors: [FieldError(field: field, code: code, message: message)]))
        }
        switch message {
        case .meeting(let meeting):
            guard try ContractStore.recordMeeting(meeting, at: now, on: connection) else { return .nothing }
            return .drafts(try drafting.dueLines(of: contract, cause: cause, on: connection, at: now))
        case .eventBooked(let booking):
            guard try ActivityStore.book(booking, on: connection) else { return .nothing }
            return .drafts(try drafting.oneLine(
                contract, source: .eventBooked(eventId: booking.eventId), lineId: "\(booking.eventId)/booked",
                description: "\(booking.title), 1/2 ved booking af oplægsholdere", amount: EventHalves(price: booking.price).onBooking,
                cause: cause, on: connection))
        case .eventHeld(let holding):
            guard let event = try ActivityStore.event(holding.eventId, of: contract.contractId, on: connection) else {
                return refused("eventId", .unknownEvent, "no event with this id was booked for the contract")
            }
            guard !event.cancelled else {
                return refused("eventId", .eventCancelled, "the event was cancelled; its second half is not invoiced")
            }
            try ActivityStore.markHeld(holding, on: connection)
            return .drafts(try drafting.oneLine(
                contract, source: .eventHeld(eventId: holding.eventId), lineId: "\(holding.eventId)/held",
                description: "\(event.title), 1/2 efter afholdelse", amount: EventHalves(price: Money(ore: event.priceOre)).afterEvent,
                cause: cause, on: connection))
        case .eventCancelled(let cancellation):
            guard try ActivityStore.event(cancellation.eventId, of: contract.contractId, on: connection) != nil else {
                return refused("eventId", .unknownEvent, "no event with this id was booked for the contract")
            }
            try ActivityStore.cancel(cancellation, on: connection)
            return .nothing
        case .extra(let extra):
            guard try ActivityStore.deliver(extra, on: connection) else { return .nothing }
            return .drafts(try drafting.oneLine(
                contract, source: .extra(extra.extraId), lineId: extra.extraId, description: extra.description,
                amount: extra.amount, cause: cause, on: connection))
        case .trip(let trip):
            guard contract.mileage == .stateRate else {
                return refused("contractId", .mileageIncluded, "the contract includes mileage in its price")
            }
            guard drafting.rates.rate(on: trip.date) != nil else {
                return refused("date", .noMileageRate, "the mileage rate table has no state rate for this date")
            }
            if try ActivityStore.log(trip, on: connection) {
                try Timers.schedule(try BillingTimer.mileageMonth(contractId: contract.contractId, tripDate: trip.date), on: connection, now: now)
            }
            return .nothing
        case .contract, .credit, .invalid:
            return .nothing
        }
    }
}
