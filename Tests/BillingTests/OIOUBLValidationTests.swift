import Billing
import Domain
import Foundation
import XCTest

/// Runs the offline OIOUBL validator (`../shared/tools/validate-oioubl`, beside the clone) on
/// written documents. A missing validator fails the test (CI and developers have `shared/` beside the
/// clone); so does any error it reports.
final class OIOUBLValidationTests: XCTestCase {
    func testWrittenInvoicesAndCreditNotesPassTheOIOUBLValidator() throws {
        guard FileManager.default.isExecutableFile(atPath: BillingFixtures.validator) else {
            return XCTFail("no OIOUBL validator at \(BillingFixtures.validator): clone beside shared/")
        }
        let supplier = try BillingFixtures.supplier()
        let instalment = try Invoice.invoice(
            number: 41, issueDate: BillingFixtures.date("2025-02-03"), paymentTermsDays: 30,
            customer: try BillingFixtures.ishoj(), supplier: supplier,
            lines: [
                .single(lineId: "1", description: "Task Force Ishøj, drift 01.09.2024–31.08.2025, rate februar 2025", price: Money(kroner: 150_000)),
                .single(lineId: "2", description: "\"To Care or Not\" – 1/2 ved booking af oplægsholdere", price: EventHalves(price: Money(ore: 7_500_001)).onBooking),
            ]
        )
        let rates = try MileageRateTable(contentsOfFile: BillingFixtures.mileageRatesFile)
        let mileage = try MonthlyMileage(
            trips: [
                MileageTrip(date: BillingFixtures.date("2025-11-03"), distance: Kilometres("123.4")!, tripId: "K-1"),
                MileageTrip(date: BillingFixtures.date("2025-11-20"), distance: Kilometres("80.5")!, tripId: "K-2"),
            ],
            drivenEarlierThisYear: Kilometres(kilometres: 19_900), rates: rates
        )
        let kilometres = try Invoice.invoice(
            number: 42, issueDate: BillingFixtures.date("2025-12-01"), paymentTermsDays: 14,
            customer: try BillingFixtures.ishoj(orderReference: nil), supplier: supplier, lines: mileage.lines
        )
        let awkward = try Invoice.invoice(
            number: 43, issueDate: BillingFixtures.date("2025-12-01"), paymentTermsDays: 0,
            customer: Customer(
                name: "Møller & Søn <\"Test\"> 'A/S'", cvr: try CVR("25313763"), ean: try GLN("5901234123457"),
                address: PostalAddress(street: "Gade 1 & 2", postalCode: "8000", city: "Aarhus C"),
                contactPerson: "Ann <Ann@x>", email: try EmailAddress("ann@example.dk"),
                orderReference: "PO <1> & 'two'", personReference: "R&D"
            ),
            supplier: supplier,
            lines: (1...3).map { .single(lineId: "L\($0)", description: "Småbeløb & <øre>", price: Money(ore: 2)) }
        )
        let credit = try Invoice.creditNote(number: 44, issueDate: BillingFixtures.date("2025-12-02"), crediting: kilometres)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oioubl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for document in [instalment, kilometres, awkward, credit] {
            let file = directory.appendingPathComponent("\(document.kind.rawValue)-\(document.number).xml")
            try Data(OIOUBLWriter().bytes(for: document)).write(to: file)
            files.append(file.path)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: BillingFixtures.validator)
        process.arguments = files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "validate-oioubl reported:\n\(report)")
        XCTAssertEqual(report.components(separatedBy: ": valid OIOUBL ").count - 1, files.count, report)
    }
}
