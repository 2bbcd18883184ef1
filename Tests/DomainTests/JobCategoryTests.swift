import Domain
import Foundation
import XCTest

final class JobCategoryTests: XCTestCase {
    func testAcceptsCodes() {
        for category in JobCategory.allCases {
            XCTAssertEqual(JobCategory(label: category.rawValue), category)
        }
    }

    func testAcceptsDanishLabels() {
        XCTAssertEqual(JobCategory(label: "Køkken/Rengøring"), .kitchenCleaning)
        XCTAssertEqual(JobCategory(label: "Kontor/Reception"), .officeReception)
        XCTAssertEqual(JobCategory(label: "Pedel/Gartner"), .caretakerGardener)
        XCTAssertEqual(JobCategory(label: "Butik"), .shop)
        XCTAssertEqual(JobCategory(label: "Lager/logistik"), .warehouseLogistics)
    }

    func testIgnoresCaseSpacingAndSpelling() {
        XCTAssertEqual(JobCategory(label: "Køkken / rengøring"), .kitchenCleaning)
        XCTAssertEqual(JobCategory(label: "  KOEKKEN/RENGOERING "), .kitchenCleaning)
        XCTAssertEqual(JobCategory(label: "lager / logistik"), .warehouseLogistics)
        XCTAssertEqual(JobCategory(label: "Kitchen-Cleaning"), .kitchenCleaning)
    }

    func testRejectsUnknownLabel() {
        XCTAssertNil(JobCategory(label: "Køkken"))
        XCTAssertNil(JobCategory(label: ""))
        XCTAssertNil(JobCategory(label: "IT-support"))
    }

    func testCodesAsRawValue() throws {
        let encoded = try JSONEncoder().encode([JobCategory.warehouseLogistics])
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["warehouse-logistics"]"#)
    }
}
