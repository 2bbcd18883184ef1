import Domain

/// A ``Customer`` as billing's tables hold it (JSON in `contracts.customer` and `documents.customer`).
struct StoredCustomer: Codable, Sendable, Hashable {
    var name: String
    var cvr: String
    var ean: String
    var street: String
    var postalCode: String
    var city: String
    var contactPerson: String
    var email: String
    var orderReference: String?
    var personReference: String

    init(_ customer: Customer) {
        name = customer.name
        cvr = customer.cvr.value
        ean = customer.ean.value
        street = customer.address.street
        postalCode = customer.address.postalCode
        city = customer.address.city
        contactPerson = customer.contactPerson
        email = customer.email.value
        orderReference = customer.orderReference
        personReference = customer.personReference
    }

    func customer() throws -> Customer {
        Customer(
            name: name, cvr: try CVR(cvr), ean: try GLN(ean),
            address: PostalAddress(street: street, postalCode: postalCode, city: city), contactPerson: contactPerson,
            email: try EmailAddress(email), orderReference: orderReference, personReference: personReference)
    }
}

/// An ``InvoiceLine`` as `documents.lines` holds it.
struct StoredLine: Codable, Sendable, Hashable {
    var lineId: String
    var description: String
    var quantityThousandths: Int64
    var unitCode: String
    var unitPriceOre: Int64
    var amountOre: Int64

    init(_ line: InvoiceLine) {
        lineId = line.lineId
        description = line.description
        quantityThousandths = line.quantity.thousandths
        unitCode = line.unitCode.rawValue
        unitPriceOre = line.unitPrice.ore
        amountOre = line.amount.ore
    }

    func line() throws -> InvoiceLine {
        guard let unit = UnitCode(rawValue: unitCode) else { throw StoredDataError.unknownUnitCode(unitCode) }
        return InvoiceLine(
            lineId: lineId, description: description, quantity: Quantity(thousandths: quantityThousandths), unitCode: unit,
            unitPrice: Money(ore: unitPriceOre), amount: Money(ore: amountOre))
    }
}

/// Billing's own tables hold something its code cannot read back.
enum StoredDataError: Error, CustomStringConvertible {
    case unknownUnitCode(String)
    case invalidDate(String)
    case invalidDue(contractId: String, lineId: String)

    var description: String {
        switch self {
        case .unknownUnitCode(let code): "stored line has unknown unit code \(code)"
        case .invalidDate(let text): "stored date \(text) is not YYYY-MM-DD"
        case .invalidDue(let contractId, let lineId): "stored line \(lineId) of contract \(contractId) has no due rule"
        }
    }
}
