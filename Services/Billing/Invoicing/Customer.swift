import Domain

/// Who an invoice is addressed to: a municipality (or other buyer) with the EAN number its
/// e-invoices go to, and the references its accounts department routes them by.
public struct Customer: Sendable, Hashable {
    public let name: String
    public let cvr: CVR
    /// The GLN (EAN number) of the customer's invoice inbox; OIOUBL's `EndpointID`.
    public let ean: GLN
    public let address: PostalAddress
    /// The person at the customer who ordered the work.
    public let contactPerson: String
    public let email: EmailAddress
    /// The customer's order or requisition number, if it gave one.
    public let orderReference: String?
    /// The customer's reference for ``contactPerson`` (a public buyer's "personreference",
    /// often an initials code or cost centre); OIOUBL's customer `Contact/ID`.
    public let personReference: String

    public init(
        name: String, cvr: CVR, ean: GLN, address: PostalAddress, contactPerson: String,
        email: EmailAddress, orderReference: String?, personReference: String
    ) {
        self.name = name
        self.cvr = cvr
        self.ean = ean
        self.address = address
        self.contactPerson = contactPerson
        self.email = email
        self.orderReference = orderReference
        self.personReference = personReference
    }
}
