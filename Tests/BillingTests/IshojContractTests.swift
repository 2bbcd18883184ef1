import Billing
import Domain
import XCTest

/// The Ishøj contract (seed 004, section 4): 175.000 kr at signing, 175.000 kr in February 2023,
/// then 150.000 kr each September and February to February 2025; 950.000 kr ex. VAT in all.
final class IshojContractTests: XCTestCase {
    private let instalments: [(String, Int64)] = [
        ("2022-09-01", 175_000), ("2023-02-01", 175_000), ("2023-09-01", 150_000),
        ("2024-02-01", 150_000), ("2024-09-01", 150_000), ("2025-02-01", 150_000),
    ]

    func testTheSixInstalmentsComeTo1187500KronerWithVAT() throws {
        let supplier = try BillingFixtures.supplier()
        let customer = try BillingFixtures.ishoj()
        let invoices = try instalments.enumerated().map { index, instalment in
            try Invoice.invoice(
                number: index + 1, issueDate: BillingFixtures.date(instalment.0), paymentTermsDays: 30,
                customer: customer, supplier: supplier,
                lines: [.single(lineId: "1", description: "Task Force Ishøj, rate \(index + 1) af 6", price: Money(kroner: instalment.1))]
            )
        }
        XCTAssertEqual(invoices.map(\.totals.vat), [43_750, 43_750, 37_500, 37_500, 37_500, 37_500].map { Money(kroner: $0) })
        let net = invoices.map(\.totals.net).sum()
        let gross = invoices.map(\.totals.gross).sum()
        XCTAssertEqual(net.danishText, "950.000,00 kr")
        XCTAssertEqual(invoices.map(\.totals.vat).sum().danishText, "237.500,00 kr")
        XCTAssertEqual(gross.danishText, "1.187.500,00 kr")
        XCTAssertEqual(gross, InvoiceTotals(net: net).gross)
        XCTAssertEqual(invoices[0].totals.gross.decimalText, "218750.00")
    }
}
