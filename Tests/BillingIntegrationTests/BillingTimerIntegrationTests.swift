import Billing
import Chronology
import Contracts
import Foundation
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// Fixed-date lines and monthly mileage, issued by billing's durable timers.
final class BillingTimerIntegrationTests: BillingIntegrationTestCase {
    /// A line dated in the future waits for its timer (06:00 Copenhagen time on its date); when the
    /// timer fires, the line is invoiced.
    func testAFutureFixedDateLineIsInvoicedWhenItsTimerFires() async throws {
        try await bench.startBilling()
        let today = try XCTUnwrap(Copenhagen.date(at: Date()))
        let later = today.advanced(by: 3)
        let contractId = bench.contractId("future")
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("ishoj", id: "future") { contract in
            contract["schedule"] = [
                ["lineId": "now", "description": "Ved underskrift", "amountOre": 100_000, "due": ["signed": true]],
                ["lineId": "later", "description": "Om tre dage", "amountOre": 200_000, "due": ["on": later.description]],
            ]
        }])
        let first = invoices(try await bench.events(1, settle: .seconds(1)))
        XCTAssertEqual(first.map(\.netOre), [100_000])
        let key = try BillingTimer.lineDue(contractId: contractId, lineId: "later", on: later).key
        let dueAt = try await bench.database.withConnection { connection in
            try connection.query("SELECT due_at FROM timers WHERE kind = $1 AND key = $2", [BillingTimer.lineDue, key])
                .first?.decode(Date.self, at: 0)
        }
        XCTAssertEqual(dueAt, ScheduleRules.dueInstant(of: later))

        // Time passes: the timer may fire now (its due time stays 06:00 on the line's date).
        _ = try await bench.database.withConnection { connection in
            _ = try connection.execute("UPDATE timers SET fire_at = now() WHERE kind = $1 AND key = $2", [BillingTimer.lineDue, key])
            return try connection.execute("SELECT pg_notify('spotjob_timers.' || current_schema(), '0')")
        }
        let second = invoices(try await bench.events(1))
        XCTAssertEqual(second.map(\.netOre), [200_000])
        XCTAssertEqual(second.first?.lines.first?.lineId, "later")
        XCTAssertEqual(second.first?.invoiceNumber, 2)
    }

    /// Trips of a state-rate contract are invoiced per month on the 1st of the next month at 06:00
    /// (at once for months already past): a line per trip at the state rate of its date, the trip
    /// crossing 20,000 km in the year split over two lines.
    func testTripsAreInvoicedMonthlyAtTheStateRateWithThe20000KilometreSplit() async throws {
        try await bench.startBilling()
        let contractId = bench.contractId("km")
        try await bench.publish(BillingEvents.contractRegistered, [try bench.demoContract("hedensted", id: "km") { contract in
            contract["schedule"] = []
        }])
        _ = try await bench.events(0, settle: .milliseconds(500))
        let trips: [(String, String, Double)] = [
            ("t1", "2026-01-15", 9999.9), ("t2", "2026-02-10", 9999.9), ("t3", "2026-10-05", 25.0), ("t4", "2026-10-20", 10.0),
        ]
        try await bench.publish(BillingEvents.mileageLogged, trips.map { trip in
            ["contractId": contractId, "tripId": trip.0, "date": trip.1, "km": trip.2, "purpose": "Task Force møde"]
        })
        let issued = invoices(try await bench.events(3))
        XCTAssertEqual(issued.count, 3)
        let lines = issued.map { $0.lines.map { "\($0.lineId) \($0.quantity) \($0.unitCode) \($0.unitPriceOre) \($0.amountOre)" } }
        XCTAssertEqual(lines, [
            ["t1 9999.9 KTM 394 3939961"],
            ["t2 9999.9 KTM 394 3939961"],
            ["t3 0.2 KTM 394 79", "t3/over-20000 24.8 KTM 228 5654", "t4 10 KTM 228 2280"],
        ])
        let validation = try bench.validate(issued.map(\.oioubl))
        XCTAssertTrue(validation.passed, validation.output)
    }
}
