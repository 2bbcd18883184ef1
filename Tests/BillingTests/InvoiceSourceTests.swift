@testable import Billing
import XCTest

/// What an invoice bills is stored as a key (`documents.source`, `billed_items.source`) and read back as the same source.
final class InvoiceSourceTests: XCTestCase {
    func testEverySourceIsStoredAsItsKeyAndReadBack() {
        let sources: [(InvoiceSource, String)] = [
            (.line("signing"), "line:signing"), (.eventBooked(eventId: "jobshop"), "event:jobshop/booked"),
            (.eventHeld(eventId: "jobshop"), "event:jobshop/held"), (.extra("x:1"), "extra:x:1"), (.trip("t-1"), "trip:t-1"),
            (.mileage(month: "2026-11"), "mileage:2026-11"), (.credit(invoiceNumber: 42), "credit:42"),
        ]
        for (source, key) in sources {
            XCTAssertEqual(source.key, key)
            XCTAssertEqual(InvoiceSource(key: key), source, key)
        }
    }

    func testAKeyOfNoKnownFormIsNoSource() {
        for key in ["", "line", "event:jobshop", "credit:x", "fee:1"] {
            XCTAssertNil(InvoiceSource(key: key), key)
        }
    }
}
