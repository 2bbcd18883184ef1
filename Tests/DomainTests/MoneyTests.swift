import Domain
import Foundation
import XCTest

final class MoneyTests: XCTestCase {
    func testDanishTextGroupsThousandsWithDotsAndDecimalsWithComma() {
        XCTAssertEqual(Money(kroner: 175_000).danishText, "175.000,00 kr")
        XCTAssertEqual(Money(ore: 118_750_000).danishText, "1.187.500,00 kr")
        XCTAssertEqual(Money(ore: 123_456_789).danishText, "1.234.567,89 kr")
        XCTAssertEqual(Money(ore: 99_999).danishText, "999,99 kr")
        XCTAssertEqual(Money(ore: 100_000).danishText, "1.000,00 kr")
        XCTAssertEqual(Money(ore: 5).danishText, "0,05 kr")
        XCTAssertEqual(Money.zero.danishText, "0,00 kr")
        XCTAssertEqual("\(Money(ore: 379))", "3,79 kr")
    }

    func testNegativeAmountsStartWithAMinusSign() {
        XCTAssertEqual(Money(kroner: -175_000).danishText, "-175.000,00 kr")
        XCTAssertEqual(Money(ore: -5).danishText, "-0,05 kr")
        XCTAssertEqual(Money(ore: -5).decimalText, "-0.05")
        XCTAssertEqual(Money(ore: .min).decimalText, "-92233720368547758.08")
    }

    func testDecimalTextIsPlainForXML() {
        XCTAssertEqual(Money(kroner: 175_000).decimalText, "175000.00")
        XCTAssertEqual(Money(ore: 4_662).decimalText, "46.62")
        XCTAssertEqual(Money(ore: 7).decimalText, "0.07")
        XCTAssertEqual(Money.zero.decimalText, "0.00")
    }

    func testVATIsAQuarterOfTheNetRoundedHalfUpToTheOre() {
        XCTAssertEqual(Money.vat(ofNet: Money(kroner: 175_000)), Money(kroner: 43_750))
        XCTAssertEqual(Money.vat(ofNet: Money(ore: 1)), Money(ore: 0))  // 0.25 øre
        XCTAssertEqual(Money.vat(ofNet: Money(ore: 2)), Money(ore: 1))  // 0.5 øre: half up
        XCTAssertEqual(Money.vat(ofNet: Money(ore: 3)), Money(ore: 1))  // 0.75 øre
        XCTAssertEqual(Money.vat(ofNet: Money(ore: 4_662)), Money(ore: 1_166))  // 1165.5 øre
        XCTAssertEqual(Money.vat(ofNet: .zero), .zero)
    }

    func testVATOnACreditRoundsHalfAwayFromZero() {
        XCTAssertEqual(Money.vat(ofNet: Money(ore: -2)), Money(ore: -1))
        XCTAssertEqual(Money.vat(ofNet: Money(ore: -1)), Money(ore: 0))
        XCTAssertEqual(Money.vat(ofNet: Money(ore: -3)), Money(ore: -1))
        for ore in Int64(-1000)...1000 {
            XCTAssertEqual(Money.vat(ofNet: Money(ore: -ore)), -Money.vat(ofNet: Money(ore: ore)), "\(ore) øre")
        }
    }

    func testRoundedDivisionRoundsHalvesAwayFromZero() {
        XCTAssertEqual(Int64(5).dividedRoundingHalfAwayFromZero(by: 2), 3)
        XCTAssertEqual(Int64(-5).dividedRoundingHalfAwayFromZero(by: 2), -3)
        XCTAssertEqual(Int64(7).dividedRoundingHalfAwayFromZero(by: 4), 2)
        XCTAssertEqual(Int64(5).dividedRoundingHalfAwayFromZero(by: 4), 1)
        XCTAssertEqual(Int64(4_661_7).dividedRoundingHalfAwayFromZero(by: 10), 4_662)
        XCTAssertEqual(Int64(4_661_4).dividedRoundingHalfAwayFromZero(by: 10), 4_661)
    }

    func testArithmeticAndSum() {
        XCTAssertEqual(Money(kroner: 2) + Money(ore: 50), Money(ore: 250))
        XCTAssertEqual(Money(kroner: 2) - Money(ore: 250), Money(ore: -50))
        XCTAssertEqual([Money(ore: 1), Money(ore: 2), Money(ore: 3)].sum(), Money(ore: 6))
        XCTAssertEqual([Money]().sum(), .zero)
        XCTAssertLessThan(Money(ore: -1), .zero)
    }

    func testCodesAsWholeOre() throws {
        let encoded = try JSONEncoder().encode([Money(kroner: 175_000), Money(ore: -5)])
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), "[17500000,-5]")
        XCTAssertEqual(try JSONDecoder().decode([Money].self, from: encoded), [Money(kroner: 175_000), Money(ore: -5)])
        XCTAssertThrowsError(try JSONDecoder().decode([Money].self, from: Data("[1.5]".utf8)))
    }
}
