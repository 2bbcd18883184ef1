import Chronology
import Billing
import Domain
import XCTest

final class MileageRateTableTests: XCTestCase {
    private func date(_ text: String) -> CivilDate { BillingFixtures.date(text) }

    func testTheDeployedFileHasTheStateRatesFrom2019() throws {
        let table = try MileageRateTable(contentsOfFile: BillingFixtures.mileageRatesFile)
        XCTAssertEqual(table.rates.first?.validFrom, date("2019-01-01"))
        let expected: [(String, Int64, Int64)] = [
            ("2019-06-30", 356, 198), ("2020-01-01", 352, 196), ("2021-12-31", 344, 190),
            ("2022-04-30", 351, 198), ("2022-05-01", 370, 217), ("2022-12-31", 370, 217),
            ("2023-07-01", 373, 219), ("2024-01-01", 379, 223), ("2025-12-31", 381, 223), ("2026-01-01", 394, 228),
        ]
        for (day, high, low) in expected {
            let rate = try XCTUnwrap(table.rate(on: date(day)), day)
            XCTAssertEqual([rate.highOrePerKm, rate.lowOrePerKm], [high, low], day)
        }
        XCTAssertNil(table.rate(on: date("2018-12-31")))
    }

    func testARateAppliesFromItsDateUntilTheNextRow() throws {
        let table = try MileageRateTable(csv: "validFrom;highOrePerKm;lowOrePerKm\r\n2024-01-01;379;223\r\n2025-01-01;381;223\r\n\n")
        XCTAssertEqual(table.rate(on: date("2024-12-31"))?.highOrePerKm, 379)
        XCTAssertEqual(table.rate(on: date("2025-01-01"))?.highOrePerKm, 381)
        XCTAssertEqual(table.rate(on: date("2030-01-01"))?.highOrePerKm, 381)
    }

    func testErrorsNameTheLineAndTheField() {
        let header = MileageRateTable.header
        let cases: [(String, MileageRateFileError)] = [
            ("", .noRates),
            ("\(header)\n", .noRates),
            ("validFrom,high,low\n", .wrongHeader(line: 1, found: "validFrom,high,low")),
            ("\(header)\n2024-01-01;379\n", .wrongFieldCount(line: 2, found: 2)),
            ("\(header)\n2024-01-01;379;223\n\n2025-13-01;381;223\n",
             .invalidField(line: 4, field: "validFrom", value: "2025-13-01", expected: "a date YYYY-MM-DD")),
            ("\(header)\n2024-01-01;3,79;223\n",
             .invalidField(line: 2, field: "highOrePerKm", value: "3,79", expected: "a positive whole number of øre per km")),
            ("\(header)\n2024-01-01;379;0\n",
             .invalidField(line: 2, field: "lowOrePerKm", value: "0", expected: "a positive whole number of øre per km")),
            ("\(header)\n2025-01-01;381;223\n2024-01-01;379;223\n", .notAscending(line: 3, validFrom: date("2024-01-01"))),
        ]
        for (csv, expected) in cases {
            XCTAssertThrowsError(try MileageRateTable(csv: csv), csv) { XCTAssertEqual($0 as? MileageRateFileError, expected, csv) }
        }
        XCTAssertEqual(
            MileageRateFileError.invalidField(line: 4, field: "validFrom", value: "2025-13-01", expected: "a date YYYY-MM-DD").description,
            "mileage rates line 4, field validFrom: \"2025-13-01\" is not a date YYYY-MM-DD"
        )
    }

    func testAMissingFileIsUnreadable() {
        XCTAssertThrowsError(try MileageRateTable(contentsOfFile: "/nonexistent/mileage-rates.csv")) { error in
            guard case .unreadable(let path, _) = error as? MileageRateFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/mileage-rates.csv")
        }
    }
}
