import Foundation
import Logging
import ServiceRuntime
import XCTest

final class PersonalDataRedactorTests: XCTestCase {
    func testRedactsCPRNumbersEmailAddressesAndPhoneNumbers() {
        XCTAssertEqual(PersonalDataRedactor.redact("cpr 010203-1234 and 0102031234"), "cpr [cpr] and [cpr]")
        XCTAssertEqual(PersonalDataRedactor.redact("mail mette@kantine.example now"), "mail [email] now")
        XCTAssertEqual(PersonalDataRedactor.redact("ring +45 75 62 00 00"), "ring [phone]")
        XCTAssertEqual(PersonalDataRedactor.redact("ring 75620000"), "ring [phone]")
    }

    func testLeavesOrdinaryTextAlone() {
        let text = "opening 0b6f0c4e-3f4f-4a55-9f0e-6a1f3f1f2c11 registered in 615 at 7.5 hours"
        XCTAssertEqual(PersonalDataRedactor.redact(text), text)
    }

    /// A UUID whose first group is all digits looks like a phone number; it must stay whole, or a
    /// message can no longer be followed by its id.
    func testNeverMasksIdentifiers() {
        let ids = [
            "12345678-443f-4a55-9f0e-6a1f3f1f2c11", "87654321-1234-5678-9012-345678901234",
            "0b6f0c4e-3f4f-4a55-9f0e-201020304050",
        ]
        for id in ids {
            XCTAssertEqual(PersonalDataRedactor.redact(id), id)
            XCTAssertEqual(PersonalDataRedactor.redact("message \(id) dead-lettered"), "message \(id) dead-lettered")
        }
        let value: Logger.MetadataValue = .stringConvertible(UUID(uuidString: ids[0])!)
        XCTAssertEqual(PersonalDataRedactor.redact(value), .string(ids[0].uppercased()))
    }

    func testStillMasksPersonalDataBesideIdentifiers() {
        let id = "12345678-443f-4a55-9f0e-6a1f3f1f2c11"
        XCTAssertEqual(
            PersonalDataRedactor.redact("\(id): ring 75620000, cpr 010203-1234, mail a@b.dk; \(id)"),
            "\(id): ring [phone], cpr [cpr], mail [email]; \(id)")
    }

    func testRedactsNestedMetadata() {
        let value: Logger.MetadataValue = .dictionary(["contact": .array([.string("x@y.dk"), .stringConvertible(12345678)])])
        XCTAssertEqual(PersonalDataRedactor.redact(value), .dictionary(["contact": .array([.string("[email]"), .string("[phone]")])]))
    }
}
