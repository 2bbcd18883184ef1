import Billing
import BodyReading
import Chronology
import Domain
import Foundation
import XCTest

/// `contract.registered` bodies: the seeds' contracts read as written; every fault is reported.
final class ContractReaderTests: XCTestCase {
    private func demo(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: BillingFixtures.packageRoot.appendingPathComponent("deploy/demo/\(name)")))
    }

    private func body(_ object: [String: Any]) -> [UInt8] {
        [UInt8](try! JSONSerialization.data(withJSONObject: object))
    }

    private func ishoj() throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(demo("contract-ishoj.json"))) as? [String: Any])
    }

    private func errors(_ object: [String: Any]) -> [String] {
        guard case .failure(let rejection) = ContractReader.read(body(object)) else { return [] }
        return rejection.errors.map { "\($0.field) \($0.code.rawValue)" }
    }

    func testTheIshojContractReadsAsTheSeedWritesIt() throws {
        let contract = try ContractReader.read(demo("contract-ishoj.json")).get()
        XCTAssertEqual(contract.contractId, "ishoj-taskforce-2022")
        XCTAssertEqual(contract.customer.cvr.value, "11931316")
        XCTAssertEqual(contract.mileage, .included)
        XCTAssertEqual(contract.paymentTermsDays, 30)
        XCTAssertEqual(contract.schedule.map(\.amount).sum().danishText, "950.000,00 kr")
        XCTAssertEqual(contract.schedule.first?.due, .signed)
        XCTAssertEqual(contract.schedule.last?.due, .on(CivilDate("2025-02-01")!))
    }

    func testTheHedenstedContractReadsAsTheSeedWritesIt() throws {
        let contract = try ContractReader.read(demo("contract-hedensted.json")).get()
        XCTAssertEqual(contract.mileage, .stateRate)
        XCTAssertNil(contract.customer.orderReference)
        XCTAssertEqual(contract.schedule.map(\.due), [.signed, .afterMeetings(4)])
        XCTAssertEqual(contract.schedule.map(\.amount).sum().danishText, "175.000,00 kr")
    }

    func testRevisionAndPaymentTermsHaveDefaults() throws {
        var object = try ishoj()
        object["revision"] = nil
        object["paymentTermsDays"] = nil
        let contract = try ContractReader.read(body(object)).get()
        XCTAssertEqual(contract.revision, 1)
        XCTAssertEqual(contract.paymentTermsDays, 30)
    }

    func testEveryMissingFieldIsReported() {
        XCTAssertEqual(errors([:]), [
            "contractId required", "title required", "customer required", "period required", "signedOn required",
            "mileage required", "schedule required",
        ])
        XCTAssertEqual(errors(["contractId": "c", "customer": [:], "period": [:]]).filter { $0.hasPrefix("customer") || $0.hasPrefix("period") }, [
            "customer.name required", "customer.cvr required", "customer.ean required", "customer.address required",
            "customer.contactPerson required", "customer.email required", "customer.personReference required",
            "period.start required", "period.end required",
        ])
    }

    func testEveryFaultyFieldIsReportedWithItsCode() throws {
        var object = try ishoj()
        var customer = try XCTUnwrap(object["customer"] as? [String: Any])
        customer["cvr"] = "11931317"
        customer["ean"] = "5798000000002"
        customer["email"] = "not an address"
        customer["address"] = ["street": "", "postalCode": 2635, "city": "Ishøj"]
        object["customer"] = customer
        object["contractId"] = String(repeating: "x", count: 65)
        object["revision"] = 0
        object["title"] = 7
        object["period"] = ["start": "2025-08-31", "end": "2022-09-01"]
        object["signedOn"] = "1.9.2022"
        object["paymentTermsDays"] = 400
        object["mileage"] = "free"
        object["schedule"] = [
            ["lineId": "a", "description": "d", "amountOre": 0, "due": ["signed": true]],
            ["lineId": "a", "description": "d", "amountOre": 100, "due": ["signed": true]],
            ["lineId": "b", "description": "d", "amountOre": 1.5, "due": [:]],
            ["lineId": "c", "description": "d", "amountOre": 100, "due": ["signed": true, "afterMeetings": 4]],
            ["lineId": "d", "description": "d", "amountOre": 100, "due": ["signed": false]],
            ["lineId": "e", "description": "d", "amountOre": 100, "due": ["on": "2023-02-30"]],
            ["lineId": "f", "description": "d", "amountOre": 100, "due": ["afterMeetings": 0]],
            "g",
        ]
        XCTAssertEqual(errors(object), [
            "contractId too-long", "revision out-of-range", "title wrong-type",
            "customer.cvr invalid-cvr", "customer.ean invalid-ean", "customer.address.street too-short",
            "customer.address.postalCode wrong-type", "customer.email invalid-email",
            "period.end invalid-period", "signedOn invalid-date", "paymentTermsDays out-of-range", "mileage unknown-mileage",
            "schedule[0].amountOre out-of-range", "schedule[1].lineId duplicate-line-id", "schedule[2].amountOre wrong-type",
            "schedule[2].due invalid-due", "schedule[3].due invalid-due", "schedule[4].due.signed invalid-due",
            "schedule[5].due.on invalid-date", "schedule[6].due.afterMeetings out-of-range", "schedule[7] wrong-type",
        ])
    }

    /// Issue 18, fault 7: a date out of 2000–2100 is refused before the database (year 0 was SQLSTATE 22008).
    func testDatesOutOfTheirRangeAreTooEarlyOrTooLate() throws {
        var contract = try ishoj()
        contract["signedOn"] = "0000-01-01"
        contract["period"] = ["start": "1999-12-31", "end": "2101-01-01"]
        XCTAssertEqual(errors(contract), ["period.start too-early", "period.end too-late", "signedOn too-early"])
    }

    func testTheContractIdIsReportedWithTheRejection() throws {
        var object = try ishoj()
        object["mileage"] = "free"
        guard case .failure(let rejection) = ContractReader.read(body(object)) else { return XCTFail("accepted") }
        XCTAssertEqual(rejection.subject, "ishoj-taskforce-2022")
        XCTAssertEqual(rejection.description, "rejected: mileage unknown-mileage")
    }

    func testTheBodyGateComesFirst() {
        guard case .failure(let rejection) = ContractReader.read(Array("[1]".utf8)) else { return XCTFail("accepted") }
        XCTAssertEqual(rejection.errors.map(\.code), [.notAnObject])
        XCTAssertNil(rejection.subject)
    }
}
