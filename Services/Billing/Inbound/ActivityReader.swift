import BodyReading
import Chronology
import Domain
import JSON

/// Reads the bodies of billing's messages other than `contract.registered` (see
/// `docs/messages.md`); every problem is reported.
public enum ActivityReader {
    public static func meetingHeld(_ body: [UInt8]) -> Result<MeetingHeld, Rejection> {
        read(body) { object, reader, contractId in
            let meetingId = BillingFields.id("meetingId", of: object, &reader)
            let heldOn = reader.date("heldOn", of: object, .required, in: DateBounds.businessDays)
            guard let contractId, let meetingId, let heldOn else { return nil }
            return MeetingHeld(contractId: contractId, meetingId: meetingId, heldOn: heldOn)
        }
    }

    public static func eventBooked(_ body: [UInt8]) -> Result<EventBooking, Rejection> {
        read(body) { object, reader, contractId in
            let eventId = eventId(object, &reader)
            let title = reader.string("title", of: object, .required, length: 1...200)
            let price = reader.integer("priceOre", of: object, .required, in: 2...1_000_000_000_000).map { Money(ore: Int64($0)) }
            let bookedOn = reader.date("bookedOn", of: object, .required, in: DateBounds.businessDays)
            guard let contractId, let eventId, let title, let price, let bookedOn else { return nil }
            return EventBooking(contractId: contractId, eventId: eventId, title: title, price: price, bookedOn: bookedOn)
        }
    }

    public static func eventHeld(_ body: [UInt8]) -> Result<EventHolding, Rejection> {
        read(body) { object, reader, contractId in
            let eventId = eventId(object, &reader)
            let heldOn = reader.date("heldOn", of: object, .required, in: DateBounds.businessDays)
            guard let contractId, let eventId, let heldOn else { return nil }
            return EventHolding(contractId: contractId, eventId: eventId, heldOn: heldOn)
        }
    }

    public static func eventCancelled(_ body: [UInt8]) -> Result<EventCancellation, Rejection> {
        read(body) { object, reader, contractId in
            let eventId = eventId(object, &reader)
            guard let contractId, let eventId else { return nil }
            return EventCancellation(contractId: contractId, eventId: eventId)
        }
    }

    public static func extraDelivered(_ body: [UInt8]) -> Result<ExtraDelivery, Rejection> {
        read(body) { object, reader, contractId in
            let extraId = BillingFields.id("extraId", of: object, &reader)
            let description = reader.string("description", of: object, .required, length: 1...500)
            let amount = BillingFields.amount("amountOre", of: object, &reader)
            let deliveredOn = reader.date("deliveredOn", of: object, .required, in: DateBounds.businessDays)
            guard let contractId, let extraId, let description, let amount, let deliveredOn else { return nil }
            return ExtraDelivery(contractId: contractId, extraId: extraId, description: description, amount: amount, deliveredOn: deliveredOn)
        }
    }

    public static func mileageLogged(_ body: [UInt8]) -> Result<TripLogged, Rejection> {
        read(body) { object, reader, contractId in
            let tripId = BillingFields.id("tripId", of: object, &reader)
            let date = reader.date("date", of: object, .required, in: DateBounds.businessDays)
            var distance: Kilometres?
            if let (number, path) = reader.number("km", of: object, .required) {
                let km = number.doubleValue
                if !(km > 0 && km <= 10_000) {
                    reader.report(path, .outOfRange, "must be more than 0 and at most 10000 km")
                } else if let tenths = number.integer(scaledBy: 1) {
                    distance = Kilometres(tenths: Int64(tenths))
                } else {
                    reader.report(path, .tooPrecise, "must have at most one decimal, such as 12.5")
                }
            }
            let purpose = reader.string("purpose", of: object, .required, length: 1...500)
            guard let contractId, let tripId, let date, let distance, let purpose else { return nil }
            return TripLogged(contractId: contractId, tripId: tripId, date: date, distance: distance, purpose: purpose)
        }
    }

    public static func creditRequested(_ body: [UInt8]) -> Result<CreditRequest, Rejection> {
        MessageBody.read(body) { object, reader -> CreditRequest? in
            let number = reader.integer("invoiceNumber", of: object, .required, in: 1...Int(Int32.max))
            let reason = reader.string("reason", of: object, .required, length: 1...500)
            guard let number, let reason else { return nil }
            return CreditRequest(invoiceNumber: number, reason: reason)
        }
    }

    /// An event id: 1–64 characters without `/` (event halves are `EVENTID/booked`, `EVENTID/held`).
    private static func eventId(_ object: FieldReader.Object, _ reader: inout FieldReader) -> String? {
        guard let id = BillingFields.id("eventId", of: object, &reader) else { return nil }
        guard !id.contains("/") else {
            reader.report(object.path.member("eventId"), .invalidCharacter, "must not contain /")
            return nil
        }
        return id
    }

    /// Reads a body with a `contractId`, which is reported with the rejection when readable.
    private static func read<Value>(
        _ body: [UInt8], _ fields: (FieldReader.Object, inout FieldReader, String?) -> Value?
    ) -> Result<Value, Rejection> {
        var contractId: String?
        let result = MessageBody.read(body) { object, reader -> Value? in
            contractId = BillingFields.id("contractId", of: object, &reader)
            return fields(object, &reader, contractId)
        }
        return result.mapError { $0.about(contractId) }
    }
}
