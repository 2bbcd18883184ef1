import Billing
import BodyReading
import Domain
import Foundation
import XCTest

final class ActivityReaderTests: XCTestCase {
    private func body(_ object: [String: Any]) -> [UInt8] {
        [UInt8](try! JSONSerialization.data(withJSONObject: object))
    }

    private func codes<Value>(_ result: Result<Value, Rejection>) -> [String] {
        guard case .failure(let rejection) = result else { return [] }
        return rejection.errors.map { "\($0.field) \($0.code.rawValue)" }
    }

    func testAMeetingIsRead() throws {
        let meeting = try ActivityReader.meetingHeld(body(["contractId": "c", "meetingId": "m1", "heldOn": "2019-05-02"])).get()
        XCTAssertEqual(meeting.meetingId, "m1")
        XCTAssertEqual(codes(ActivityReader.meetingHeld(body(["contractId": "c", "heldOn": "2019-5-2"]))),
                       ["meetingId required", "heldOn invalid-date"])
    }

    func testAnEventBookingIsReadAndItsIdMayNotHoldASlash() throws {
        let booking = try ActivityReader.eventBooked(body([
            "contractId": "c", "eventId": "tcon-2023", "title": "To Care or Not", "priceOre": 7_500_001, "bookedOn": "2023-03-01",
        ])).get()
        XCTAssertEqual(booking.price, Money(ore: 7_500_001))
        XCTAssertEqual(codes(ActivityReader.eventBooked(body([
            "contractId": "c", "eventId": "a/b", "title": "", "priceOre": "75000", "bookedOn": "2023-03-01",
        ]))), ["eventId invalid-character", "title too-short", "priceOre wrong-type"])
        XCTAssertEqual(codes(ActivityReader.eventHeld(body(["eventId": "e"]))), ["contractId required", "heldOn required"])
        XCTAssertEqual(codes(ActivityReader.eventCancelled(body(["contractId": "c"]))), ["eventId required"])
    }

    func testAnExtraIsRead() throws {
        let extra = try ActivityReader.extraDelivered(body([
            "contractId": "c", "extraId": "talk-2", "description": "Ekstra oplæg", "amountOre": 1_000_000, "deliveredOn": "2023-05-10",
        ])).get()
        XCTAssertEqual(extra.amount.danishText, "10.000,00 kr")
    }

    func testATripHasKilometresWithOneDecimalAtMost() throws {
        let trip = try ActivityReader.mileageLogged(body([
            "contractId": "c", "tripId": "t1", "date": "2019-05-02", "km": 123.4, "purpose": "Task Force møde",
        ])).get()
        XCTAssertEqual(trip.distance, Kilometres(tenths: 1234))
        XCTAssertEqual(codes(ActivityReader.mileageLogged(body([
            "contractId": "c", "tripId": "t1", "date": "2019-05-02", "km": 1.25, "purpose": "p",
        ]))), ["km too-precise"])
        XCTAssertEqual(codes(ActivityReader.mileageLogged(body([
            "contractId": "c", "tripId": "t1", "date": "2019-05-02", "km": 0, "purpose": "p",
        ]))), ["km out-of-range"])
    }

    func testACreditRequestNamesAnInvoiceAndAReason() throws {
        let request = try ActivityReader.creditRequested(body(["invoiceNumber": 12, "reason": "Forkert beløb"])).get()
        XCTAssertEqual(request.invoiceNumber, 12)
        XCTAssertEqual(codes(ActivityReader.creditRequested(body(["invoiceNumber": 0]))), ["invoiceNumber out-of-range", "reason required"])
    }

    func testEveryCodeBillingGivesIsDocumented() throws {
        let messages = try String(contentsOf: BillingFixtures.packageRoot.appendingPathComponent("docs/messages.md"), encoding: .utf8)
        for code in FieldError.Code.billing {
            XCTAssertTrue(messages.contains("`\(code.rawValue)`"), "docs/messages.md does not explain \(code.rawValue)")
        }
    }
}
