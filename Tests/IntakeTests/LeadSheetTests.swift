import BodyReading
import Intake
import TestSupport
import XCTest

/// A lead: a company that only wants a visit. `category`, `tasks` and `hoursPerWeek` come all or
/// none, and none only with `visitRequested: true`.
final class LeadSheetTests: XCTestCase {
    private let job = ["category": nil, "tasks": nil, "hoursPerWeek": nil] as [String: Any?]

    private func codes(_ body: [UInt8]) -> [String] {
        guard case .failure(let rejection) = SheetValidator.validateSheet(body, readAt: Date()) else { return [] }
        return rejection.errors.map { "\($0.field) \($0.code)" }
    }

    func testASheetAskingForAVisitWithoutAJobIsALead() throws {
        let sheet = try SheetValidator.validateSheet(HorsensJobShopSheet.body(changing: job), readAt: Date()).get()
        XCTAssertTrue(sheet.isLead)
        XCTAssertNil(sheet.category)
        XCTAssertNil(sheet.tasks)
        XCTAssertNil(sheet.hoursPerWeek)
        XCTAssertEqual(sheet.contact.phone?.value, "+4575621100")
        XCTAssertFalse(try SheetValidator.validateSheet(HorsensJobShopSheet.body(), readAt: Date()).get().isLead)
    }

    func testWithoutAVisitEveryMissingPartOfTheJobIsRequired() {
        XCTAssertEqual(codes(HorsensJobShopSheet.body(changing: job.merging(["visitRequested": false]) { $1 })), [
            "category required", "tasks required", "hoursPerWeek required",
        ])
        XCTAssertEqual(codes(HorsensJobShopSheet.body(changing: job.merging(["visitRequested": nil]) { $1 })), [
            "category required", "tasks required", "hoursPerWeek required",
        ])
    }

    func testASheetWithSomeOfTheJobNamesEachMissingField() {
        XCTAssertEqual(codes(HorsensJobShopSheet.body(changing: ["tasks": nil, "hoursPerWeek": NSNull()])), [
            "tasks required", "hoursPerWeek required",
        ])
        XCTAssertEqual(codes(HorsensJobShopSheet.body(changing: ["category": nil])), ["category required"])
    }

    func testALeadStillNeedsACompanyAndAContact() {
        XCTAssertEqual(codes(HorsensJobShopSheet.body(changing: job.merging(["company": nil, "contact": nil]) { $1 })), [
            "company required", "contact required",
        ])
    }
}
