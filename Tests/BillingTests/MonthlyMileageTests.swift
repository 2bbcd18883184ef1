import Billing
import Domain
import XCTest

final class MonthlyMileageTests: XCTestCase {
    private let rates = MileageRateTable(rates: [
        MileageRate(validFrom: BillingFixtures.date("2025-01-01"), highOrePerKm: 381, lowOrePerKm: 223),
    ])

    private func trip(_ date: String, _ km: String, _ id: String) -> MileageTrip {
        MileageTrip(date: BillingFixtures.date(date), distance: Kilometres(km)!, tripId: id)
    }

    func testTripsBelowTheLimitAreBilledAtTheHighRate() throws {
        let month = try MonthlyMileage(
            trips: [trip("2025-03-04", "12.3", "T-17"), trip("2025-03-11", "100", "T-18")],
            drivenEarlierThisYear: Kilometres(kilometres: 1_000), rates: rates
        )
        XCTAssertEqual(month.lines.map(\.lineId), ["1", "2"])
        XCTAssertEqual(month.lines.map(\.unitCode), [.kilometre, .kilometre])
        XCTAssertEqual(month.lines.map(\.quantity.decimalText), ["12.3", "100"])
        XCTAssertEqual(month.lines.map(\.unitPrice), [Money(ore: 381), Money(ore: 381)])
        // 12.3 × 3.81 = 46.863 → 46.86; 100 × 3.81 = 381.00
        XCTAssertEqual(month.lines.map(\.amount), [Money(ore: 4_686), Money(ore: 38_100)])
        XCTAssertEqual(month.lines[0].description, "Kørsel 2025-03-04, tur T-17, statens takst til og med 20.000 km")
        XCTAssertEqual(month.drivenThisYear, Kilometres(tenths: 11_123))
    }

    func testAmountsRoundHalfUpToTheOre() {
        // 0.5 km × 3.81 = 1.905 → 1.91; 0.5 km × 2.23 = 1.115 → 1.12; 0.1 km × 3.81 = 0.381 → 0.38
        XCTAssertEqual(MonthlyMileage.amount(Kilometres(tenths: 5), orePerKm: 381), Money(ore: 191))
        XCTAssertEqual(MonthlyMileage.amount(Kilometres(tenths: 5), orePerKm: 223), Money(ore: 112))
        XCTAssertEqual(MonthlyMileage.amount(Kilometres(tenths: 1), orePerKm: 381), Money(ore: 38))
    }

    func testATripCrossing20000KmIsSplitOverTwoLines() throws {
        let month = try MonthlyMileage(
            trips: [trip("2025-11-20", "80.5", "T-2"), trip("2025-11-03", "10", "T-1"), trip("2025-11-25", "5", "T-3")],
            drivenEarlierThisYear: Kilometres(tenths: 199_500), rates: rates, firstLineNumber: 3
        )
        // T-1 first (by date): 19,950 → 19,960 km, all high. T-2: 40 km high to 20,000, 40.5 km low. T-3: low.
        XCTAssertEqual(month.lines.map(\.lineId), ["3", "4", "5", "6"])
        XCTAssertEqual(month.lines.map(\.quantity.decimalText), ["10", "40", "40.5", "5"])
        XCTAssertEqual(month.lines.map(\.unitPrice.ore), [381, 381, 223, 223])
        // 10 × 3.81; 40 × 3.81; 40.5 × 2.23 = 90.315 → 90.32; 5 × 2.23
        XCTAssertEqual(month.lines.map(\.amount.ore), [3_810, 15_240, 9_032, 1_115])
        XCTAssertEqual(month.lines[1].description, "Kørsel 2025-11-20, tur T-2, statens takst til og med 20.000 km")
        XCTAssertEqual(month.lines[2].description, "Kørsel 2025-11-20, tur T-2, statens takst over 20.000 km")
        XCTAssertEqual(month.drivenThisYear, Kilometres(tenths: 200_455))
    }

    func testATripEndingExactlyAt20000KmStaysOnOneLine() throws {
        let month = try MonthlyMileage(
            trips: [trip("2025-11-20", "50", "T-1"), trip("2025-11-21", "1", "T-2")],
            drivenEarlierThisYear: Kilometres(kilometres: 19_950), rates: rates
        )
        XCTAssertEqual(month.lines.map(\.unitPrice.ore), [381, 223])
        XCTAssertEqual(month.lines.map(\.quantity.decimalText), ["50", "1"])
    }

    func testBeyondTheLimitEverythingIsLowAndZeroKmMakesNoLine() throws {
        let month = try MonthlyMileage(
            trips: [trip("2025-12-01", "0", "T-0"), trip("2025-12-02", "3.3", "T-1")],
            drivenEarlierThisYear: Kilometres(kilometres: 25_000), rates: rates
        )
        XCTAssertEqual(month.lines.map(\.quantity.decimalText), ["3.3"])
        XCTAssertEqual(month.lines.map(\.amount.ore), [736])  // 3.3 × 2.23 = 7.359
    }

    func testEachTripIsBilledAtTheRateInForceOnItsDate() throws {
        let table = MileageRateTable(rates: [
            MileageRate(validFrom: BillingFixtures.date("2022-01-01"), highOrePerKm: 351, lowOrePerKm: 198),
            MileageRate(validFrom: BillingFixtures.date("2022-05-16"), highOrePerKm: 370, lowOrePerKm: 217),
        ])
        let month = try MonthlyMileage(
            trips: [trip("2022-05-16", "10", "B"), trip("2022-05-15", "10", "A")], drivenEarlierThisYear: .zero, rates: table
        )
        XCTAssertEqual(month.lines.map(\.unitPrice.ore), [351, 370])
        XCTAssertEqual(month.lines.map { $0.description.contains("tur A") }, [true, false])
    }

    func testRefusesTripsOfTwoMonthsAndTripsWithoutARate() {
        XCTAssertThrowsError(try MonthlyMileage(
            trips: [trip("2025-03-31", "1", "A"), trip("2025-04-01", "1", "B")], drivenEarlierThisYear: .zero, rates: rates
        )) { XCTAssertEqual($0 as? MileageError, .tripsInDifferentMonths(BillingFixtures.date("2025-03-31"), BillingFixtures.date("2025-04-01"))) }
        XCTAssertThrowsError(try MonthlyMileage(
            trips: [trip("2024-12-31", "1", "A")], drivenEarlierThisYear: .zero, rates: rates
        )) { XCTAssertEqual($0 as? MileageError, .noRate(tripId: "A", date: BillingFixtures.date("2024-12-31"))) }
        XCTAssertEqual(try MonthlyMileage(trips: [], drivenEarlierThisYear: .zero, rates: rates).lines, [])
    }
}
