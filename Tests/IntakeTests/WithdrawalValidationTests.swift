import Intake
import TestSupport
import XCTest

final class WithdrawalValidationTests: XCTestCase {
    func testAcceptsWithdrawalAndTrimsReason() throws {
        let body = HorsensJobShopSheet.json(["sheetId": "jobshop-horsens-2017-05-15-017", "reason": " Stillingen er besat internt. "])
        let withdrawal = try SheetValidator.validateWithdrawal(body).get()
        XCTAssertEqual(withdrawal.sheetId, "jobshop-horsens-2017-05-15-017")
        XCTAssertEqual(withdrawal.reason, "Stillingen er besat internt.")
    }

    func testReportsEveryProblem() {
        let cases: [([String: Any], [String])] = [
            ([:], ["sheetId required", "reason required"]),
            (["sheetId": "s-1"], ["reason required"]),
            (["sheetId": "s-1", "reason": " "], ["reason too-short"]),
            (["sheetId": "s-1", "reason": String(repeating: "r", count: 501)], ["reason too-long"]),
            (["sheetId": 1, "reason": false], ["sheetId wrong-type", "reason wrong-type"]),
            (["sheetId": String(repeating: "s", count: 65), "reason": "besat"], ["sheetId too-long"]),
            (["sheetId": "w1\u{0}x", "reason": "Besat\u{0} internt"], ["sheetId invalid-character", "reason invalid-character"]),
        ]
        for (fields, expected) in cases {
            guard case .failure(let rejection) = SheetValidator.validateWithdrawal(HorsensJobShopSheet.json(fields)) else {
                XCTFail("\(fields) was accepted")
                continue
            }
            XCTAssertEqual(rejection.errors.map { "\($0.field) \($0.code.rawValue)" }, expected, "\(fields)")
        }
    }

    func testNamesTheSheetWhenItsIdIsValid() {
        let body = HorsensJobShopSheet.json(["sheetId": "s-1"])
        guard case .failure(let rejection) = SheetValidator.validateWithdrawal(body) else { return XCTFail("accepted") }
        XCTAssertEqual(rejection.subject, "s-1")
    }
}
