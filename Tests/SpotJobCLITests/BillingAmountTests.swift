@testable import SpotJobCLI
import XCTest

/// Amounts typed in kroner on `spotjob events booked --price` and `extras delivered --amount`.
final class BillingAmountTests: XCTestCase {
    func testKronerAreReadAsPeopleWriteThem() throws {
        XCTAssertEqual(try BillingCLI.ore(kroner: "10000"), 1_000_000)
        XCTAssertEqual(try BillingCLI.ore(kroner: "10000.5"), 1_000_050)
        XCTAssertEqual(try BillingCLI.ore(kroner: "75.000,01"), 7_500_001)
        XCTAssertEqual(try BillingCLI.ore(kroner: "175.000,00 kr"), 17_500_000)
        XCTAssertEqual(BillingCLI.kroner(17_500_000), "175.000,00 kr")
    }

    func testOtherTextIsRefused() {
        for text in ["", "ti", "1,234", "-5", "1.2.3", "10.000"] {
            XCTAssertThrowsError(try BillingCLI.ore(kroner: text), text)
        }
    }
}
