import Chronology
import Foundation
import PostgresClient

/// Events, extras, trips and the claims on what is invoiced (`billed_items`).
enum ActivityStore {
    /// Claims `sources` of `contractId` for invoicing; returns those not claimed before (a source
    /// is invoiced once until a credit note releases it).
    static func claim(_ sources: [InvoiceSource], of contractId: String, on connection: PostgresConnection) throws -> Set<InvoiceSource> {
        guard !sources.isEmpty else { return [] }
        let claimed = Set(try connection.query(
            """
            INSERT INTO billed_items (contract_id, source) SELECT $1, unnest($2::text[])
            ON CONFLICT DO NOTHING RETURNING source
            """, [contractId, PostgresArray(sources.map(\.key))]
        ).map { try $0.decode(String.self, at: 0) })
        return Set(sources.filter { claimed.contains($0.key) })
    }

    /// The sources of `contractId` that are claimed: whether each was credited since.
    static func billed(_ contractId: String, on connection: PostgresConnection) throws -> [InvoiceSource: Bool] {
        var billed: [InvoiceSource: Bool] = [:]
        for row in try connection.query("SELECT source, credited FROM billed_items WHERE contract_id = $1", [contractId]) {
            guard let source = InvoiceSource(key: try row.decode(String.self, at: 0)) else { continue }
            billed[source] = try row.decode(Bool.self, at: 1)
        }
        return billed
    }

    /// Marks what a credited invoice billed as credited: it is not invoiced again by itself.
    static func markCredited(_ source: InvoiceSource, of contractId: String, on connection: PostgresConnection) throws {
        _ = try connection.execute(
            "UPDATE billed_items SET credited = true WHERE contract_id = $1 AND source = $2", [contractId, source.key])
    }

    /// Releases credited claims, so what they billed is invoiced again when due (a revision changed it).
    static func release(_ sources: [InvoiceSource], of contractId: String, on connection: PostgresConnection) throws {
        guard !sources.isEmpty else { return }
        _ = try connection.execute(
            "DELETE FROM billed_items WHERE contract_id = $1 AND source = ANY($2::text[]) AND credited",
            [contractId, PostgresArray(sources.map(\.key))])
    }

    /// Records a booking; `false` when the event was booked before.
    static func book(_ booking: EventBooking, on connection: PostgresConnection) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO events (contract_id, event_id, title, price_ore, booked_on) VALUES ($1, $2, $3, $4, $5::date)
            ON CONFLICT DO NOTHING
            """, [booking.contractId, booking.eventId, booking.title, booking.price.ore, booking.bookedOn.description]) == 1
    }

    struct Event {
        var title: String
        var priceOre: Int64
        var cancelled: Bool
    }

    /// The event, locked, or `nil` when it was never booked.
    static func event(_ eventId: String, of contractId: String, on connection: PostgresConnection) throws -> Event? {
        try connection.query(
            "SELECT title, price_ore, cancelled FROM events WHERE contract_id = $1 AND event_id = $2 FOR UPDATE",
            [contractId, eventId]
        ).first.map { row in
            Event(
                title: try row.decode(String.self, column: "title"), priceOre: try row.decode(Int64.self, column: "price_ore"),
                cancelled: try row.decode(Bool.self, column: "cancelled"))
        }
    }

    static func markHeld(_ holding: EventHolding, on connection: PostgresConnection) throws {
        _ = try connection.execute(
            "UPDATE events SET held_on = $3::date WHERE contract_id = $1 AND event_id = $2 AND held_on IS NULL",
            [holding.contractId, holding.eventId, holding.heldOn.description])
    }

    static func cancel(_ cancellation: EventCancellation, on connection: PostgresConnection) throws {
        _ = try connection.execute(
            "UPDATE events SET cancelled = true WHERE contract_id = $1 AND event_id = $2",
            [cancellation.contractId, cancellation.eventId])
    }

    /// Records a delivered extra; `false` when it was recorded before.
    static func deliver(_ extra: ExtraDelivery, on connection: PostgresConnection) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO extras (contract_id, extra_id, description, amount_ore, delivered_on) VALUES ($1, $2, $3, $4, $5::date)
            ON CONFLICT DO NOTHING
            """, [extra.contractId, extra.extraId, extra.description, extra.amount.ore, extra.deliveredOn.description]) == 1
    }

    /// Records a trip; `false` when the trip id was reported before (which changes nothing).
    static func log(_ trip: TripLogged, on connection: PostgresConnection) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO trips (contract_id, trip_id, trip_date, km_tenths, purpose) VALUES ($1, $2, $3::date, $4, $5)
            ON CONFLICT DO NOTHING
            """, [trip.contractId, trip.tripId, trip.date.description, trip.distance.tenths, trip.purpose]) == 1
    }

    /// The trips of `contractId` in the month of `month` not invoiced yet, in date order, and the
    /// kilometres that count before them in the calendar year: the year's trips before the month,
    /// and the month's trips invoiced already.
    static func trips(of contractId: String, in month: CivilDate, on connection: PostgresConnection) throws -> ([MileageTrip], Kilometres) {
        let start = month.firstOfMonth
        let end = ScheduleRules.firstOfNextMonth(after: start)
        let yearStart = CivilDate(year: start.year, month: 1, day: 1)!
        let rows = try connection.query(
            """
            SELECT t.trip_id, t.trip_date::text AS trip_date, t.km_tenths, t.trip_date < $2::date AS before,
                   (b.source IS NOT NULL) AS invoiced
            FROM trips t LEFT JOIN billed_items b ON b.contract_id = t.contract_id AND b.source = 'trip:' || t.trip_id
            WHERE t.contract_id = $1 AND t.trip_date >= $4::date AND t.trip_date < $3::date
            ORDER BY t.trip_date, t.trip_id
            """, [contractId, start.description, end.description, yearStart.description])
        var driven = Kilometres.zero
        var trips: [MileageTrip] = []
        for row in rows {
            let distance = Kilometres(tenths: try row.decode(Int64.self, column: "km_tenths"))
            if try row.decode(Bool.self, column: "before") || row.decode(Bool.self, column: "invoiced") {
                driven = driven + distance
            } else {
                trips.append(MileageTrip(
                    date: try ContractStore.date(row.decode(String.self, column: "trip_date")), distance: distance,
                    tripId: try row.decode(String.self, column: "trip_id")))
            }
        }
        return (trips, driven)
    }

    /// Claims the credit of invoice `number`; `false` when it was credited (or requested) before.
    static func claimCredit(series: String, number: Int, reason: String, at now: Date, on connection: PostgresConnection) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO credits (series, invoice_number, reason, requested_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING
            """, [series, number, reason, now]) == 1
    }
}
