import Chronology
import Billing
import Domain
import Foundation

/// Shared test data: the repository's files, Code of Care, Ishøj Kommune.
enum BillingFixtures {
    /// The package root, found from this file (symlinks resolved, so a scratch package whose
    /// test folder links here still finds the repository and `../shared` beside it).
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let mileageRatesFile = packageRoot.appendingPathComponent("deploy/billing/mileage-rates.csv").path
    static let supplierFile = packageRoot.appendingPathComponent("deploy/billing/supplier.json").path
    /// The offline OIOUBL validator, which CI has in `../shared` beside the clone.
    static let validator = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/validate-oioubl").path

    static func date(_ text: String) -> CivilDate { CivilDate(text)! }

    static func supplier() throws -> Supplier { try Supplier.load(fromFile: supplierFile) }

    /// Ishøj Kommune as in the contract (seed 004, section 1); the EAN number and the
    /// references are made up.
    static func ishoj(orderReference: String? = "TF-ISHOJ-2022") throws -> Customer {
        Customer(
            name: "Ishøj Kommune", cvr: try CVR("11931316"), ean: try GLN("5798000000001"),
            address: PostalAddress(street: "Vejlebrovej 59A", postalCode: "2635", city: "Ishøj"),
            contactPerson: "Jørgen Dan Pedersen", email: try EmailAddress("jdanp@ishoj.dk"),
            orderReference: orderReference, personReference: "JDP"
        )
    }
}
