import Billing
import Domain
import XCTest

final class EventHalvesTests: XCTestCase {
    func testAnEventIsBilledHalfOnBookingAndHalfAfterwards() {
        let halves = EventHalves(price: Money(kroner: 50_000))
        XCTAssertEqual(halves.onBooking, Money(kroner: 25_000))
        XCTAssertEqual(halves.afterEvent, Money(kroner: 25_000))
    }

    func testTheOddOreIsBilledAfterTheEvent() {
        let halves = EventHalves(price: Money(ore: 3_500_001))
        XCTAssertEqual(halves.onBooking, Money(ore: 1_750_000))
        XCTAssertEqual(halves.afterEvent, Money(ore: 1_750_001))
        XCTAssertEqual(EventHalves(price: Money(ore: 1)).afterEvent, Money(ore: 1))
        XCTAssertEqual(EventHalves(price: Money(ore: 1)).onBooking, .zero)
    }

    func testTheHalvesAlwaysAddUpToThePrice() {
        for ore in Int64(-7)...7 {
            let halves = EventHalves(price: Money(ore: ore))
            XCTAssertEqual(halves.onBooking + halves.afterEvent, Money(ore: ore))
            XCTAssertLessThanOrEqual(halves.onBooking.ore.magnitude, halves.afterEvent.ore.magnitude)
        }
    }
}
