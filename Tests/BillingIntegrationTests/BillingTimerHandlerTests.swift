@testable import Billing
import Chronology
import Contracts
import Foundation
import JSON
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// Billing's timer handler on its own, against billing's schema: a timer of each kind issues what
/// it stands for, once.
final class BillingTimerHandlerTests: XCTestCase {
    private let logger = Logger(label: "billing-timer-handler-test")
    private var schema: ScratchSchema!
    private var handler: BillingTimerHandler!

    override func setUp() async throws {
        schema = try await ScratchSchema.create(on: try LocalStack.fromEnvironment(), migrations: ["common", "billing"], logger: logger)
        let root = ScratchSchema.repositoryRoot.appendingPathComponent("deploy/billing")
        handler = BillingTimerHandler(settings: BillingSettings(
            supplier: try Supplier.load(fromFile: root.appendingPathComponent("supplier.json").path),
            rates: try MileageRateTable(contentsOfFile: root.appendingPathComponent("mileage-rates.csv").path)))
    }

    override func tearDown() async throws {
        await schema.client.close()
    }

    /// The contract of deploy/demo/contract-`name`.json with `schedule`, saved as new.
    private func saveContract(_ name: String, schedule: [[String: Any]]) async throws -> BillingContract {
        let data = try Data(contentsOf: ScratchSchema.repositoryRoot.appendingPathComponent("deploy/demo/contract-\(name).json"))
        var fields = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        fields["schedule"] = schedule
        let contract = try ContractReader.read(Array(try JSONSerialization.data(withJSONObject: fields))).get()
        try await schema.client.transaction { try ContractStore.save(contract, isNew: true, at: Date(), on: $0) }
        return contract
    }

    private func fire(_ timer: ScheduledTimer) async throws -> [DocumentIssuedPayload] {
        let due = DueTimer(id: 1, kind: timer.kind, key: timer.key, dueAt: timer.dueAt, payload: timer.payload)
        let events = try await schema.client.transaction { [handler] in try handler!.fire([due], on: $0) }
        XCTAssertEqual(Set(events.map(\.envelope.type)), events.isEmpty ? [] : [BillingEvents.invoiceIssued])
        return try events.map { try JSONCoding.makeDecoder().decode(DocumentIssuedPayload.self, from: Data($0.envelope.body)) }
    }

    func testALineDueTimerInvoicesItsLineOnce() async throws {
        let later = try XCTUnwrap(Copenhagen.date(at: Date())).advanced(by: 3)
        let contract = try await saveContract("ishoj", schedule: [
            ["lineId": "later", "description": "Om tre dage", "amountOre": 200_000, "due": ["on": later.description]],
        ])
        let timer = try BillingTimer.lineDue(contractId: contract.contractId, lineId: "later", on: later)

        let first = try await fire(timer)
        XCTAssertEqual(first.map(\.netOre), [200_000])
        XCTAssertEqual(first.first?.lines.map(\.lineId), ["later"])
        let again = try await fire(timer)
        XCTAssertEqual(again.count, 0, "the line is claimed: a timer fired twice invoices it once")
    }

    func testAMileageMonthTimerInvoicesTheMonthsTripsOnceAtTheStateRate() async throws {
        let contract = try await saveContract("hedensted", schedule: [
            ["lineId": "signing", "description": "Ved underskrift", "amountOre": 100_000, "due": ["signed": true]],
        ])
        let tripDate = try XCTUnwrap(CivilDate(year: 2026, month: 11, day: 3))
        let trip = try ActivityReader.mileageLogged(Array(
            #"{"contractId": "\#(contract.contractId)", "tripId": "t-1", "date": "2026-11-03", "km": 42.5, "purpose": "Task Force-møde"}"#.utf8)).get()
        _ = try await schema.client.transaction { try ActivityStore.log(trip, on: $0) }
        let timer = try BillingTimer.mileageMonth(contractId: contract.contractId, tripDate: tripDate)

        let first = try await fire(timer)
        XCTAssertEqual(first.count, 1)
        let line = try XCTUnwrap(first.first?.lines.first)
        XCTAssertEqual(line.lineId, "t-1")
        XCTAssertEqual(line.unitCode, "KTM")
        XCTAssertEqual(line.quantity, "42.5")
        let rate = try XCTUnwrap(handler.drafting.rates.rate(on: tripDate))
        XCTAssertEqual(line.unitPriceOre, rate.highOrePerKm)
        let again = try await fire(timer)
        XCTAssertEqual(again.count, 0, "the month is claimed: invoiced once")
    }
}
