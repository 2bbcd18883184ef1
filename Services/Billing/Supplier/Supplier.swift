import Domain

/// Who issues the invoices: Code of Care, as described by `deploy/billing/supplier.json`
/// (loaded by ``load(fromFile:)`` or ``load(environment:)``).
public struct Supplier: Sendable, Hashable, Codable {
    /// The legal name, as registered in CVR.
    public let name: String
    /// The CVR number; also the VAT (SE) number, which it is for a company with one registration.
    public let cvr: CVR
    public let address: PostalAddress
    public let email: EmailAddress
    /// Where customers pay.
    public let bankAccount: BankAccount

    public init(name: String, cvr: CVR, address: PostalAddress, email: EmailAddress, bankAccount: BankAccount) {
        self.name = name
        self.cvr = cvr
        self.address = address
        self.email = email
        self.bankAccount = bankAccount
    }
}
