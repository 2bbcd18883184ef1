import Billing
import Domain
import Foundation
import XCTest

final class SupplierFileTests: XCTestCase {
    func testTheDeployedSupplierIsCodeOfCare() throws {
        let supplier = try Supplier.load(environment: [Supplier.fileVariable: BillingFixtures.supplierFile])
        XCTAssertEqual(supplier.name, "Code of Care")
        XCTAssertEqual(supplier.cvr, try CVR("33890583"))
        XCTAssertEqual(supplier.address, PostalAddress(street: "Brotorvet 2 D, 1. sal", postalCode: "7500", city: "Holstebro"))
        XCTAssertEqual(supplier.bankAccount.registrationNumber.count, 4)
    }

    func testErrorsNameTheVariableThePathAndTheKey() {
        XCTAssertThrowsError(try Supplier.load(environment: [:])) {
            XCTAssertEqual($0 as? SupplierFileError, .variableNotSet("BILLING_SUPPLIER_FILE"))
        }
        XCTAssertThrowsError(try Supplier.load(fromFile: "/nonexistent/supplier.json")) { error in
            guard case .unreadable(let path, _) = error as? SupplierFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/supplier.json")
        }
        let valid = try! Data(contentsOf: URL(fileURLWithPath: BillingFixtures.supplierFile))
        let cases: [(String, String)] = [
            (#"{"name": "Code of Care""#, "The given data was not valid JSON"),
            (replacing(valid, #""cvr": "33890583""#, #""cvr": "33890584""#), "cvr: CVR check digit is wrong (modulus 11)"),
            (replacing(valid, #""registrationNumber": "0001""#, #""registrationNumber": "00""#), "bankAccount: a bank account needs a 4-digit registrationNumber"),
            (replacing(valid, #""registrationNumber": "0001""#, #""registrationNumber": "0000""#), "other than 0000"),
            (replacing(valid, #""city": "Holstebro""#, #""town": "Holstebro""#), "address.city is missing"),
            (replacing(valid, #""email": "lone@codeofcare.dk""#, #""email": 7"#), "email is not a String"),
        ]
        for (json, reason) in cases {
            XCTAssertThrowsError(try Supplier.decode(Data(json.utf8), path: "supplier.json")) { error in
                guard case .invalid(let path, let actual) = error as? SupplierFileError else { return XCTFail("\(error)") }
                XCTAssertEqual(path, "supplier.json")
                XCTAssertTrue(actual.contains(reason), "\(actual) should contain \(reason)")
            }
        }
    }

    private func replacing(_ data: Data, _ old: String, _ new: String) -> String {
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(old), old)
        return text.replacingOccurrences(of: old, with: new)
    }
}
