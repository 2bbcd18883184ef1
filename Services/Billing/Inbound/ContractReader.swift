import BodyReading
import Chronology
import Domain
import JSON

/// Reads a `contract.registered` body (see `docs/messages.md`): every problem is reported.
public enum ContractReader {
    /// The contract, or every problem found (with the contract id when it could be read).
    public static func read(_ body: [UInt8]) -> Result<BillingContract, Rejection> {
        var contractId: String?
        let result = MessageBody.read(body) { object, reader -> BillingContract? in
            contractId = BillingFields.id("contractId", of: object, &reader)
            return readContract(object, contractId: contractId, &reader)
        }
        return result.mapError { $0.about(contractId) }
    }

    private static func readContract(_ object: FieldReader.Object, contractId: String?, _ reader: inout FieldReader) -> BillingContract? {
        let revision = reader.integer("revision", of: object, .optional, in: 1...Int(Int32.max)) ?? 1
        let title = reader.string("title", of: object, .required, length: 1...200)
        let customer = reader.object("customer", of: object, .required).flatMap { readCustomer($0, &reader) }
        var start: CivilDate?
        var end: CivilDate?
        if let period = reader.object("period", of: object, .required) {
            start = reader.date("start", of: period, .required, in: DateBounds.businessDays)
            end = reader.date("end", of: period, .required, in: DateBounds.businessDays)
            if let from = start, let to = end, to < from {
                reader.report(period.path.member("end"), .invalidPeriod, "must not be before period.start")
                end = nil
            }
        }
        let signedOn = reader.date("signedOn", of: object, .required, in: DateBounds.businessDays)
        let terms = reader.integer("paymentTermsDays", of: object, .optional, in: 0...365) ?? 30
        let mileage = reader.resolved(
            "mileage", of: object, .required, unknown: .unknownMileage, "must be included or state-rate",
            BillingContract.Mileage.init(rawValue:))
        let schedule = scheduleLines(object, &reader)
        guard let contractId, let title, let customer, let start, let end, let signedOn, let mileage, let schedule else {
            return nil
        }
        return BillingContract(
            contractId: contractId, revision: revision, title: title, customer: customer, periodStart: start,
            periodEnd: end, signedOn: signedOn, paymentTermsDays: terms, mileage: mileage, schedule: schedule)
    }

    private static func readCustomer(_ object: FieldReader.Object, _ reader: inout FieldReader) -> Customer? {
        let name = reader.string("name", of: object, .required, length: 1...200)
        let cvr = reader.cvr("cvr", of: object, .required)
        let ean = reader.parsed("ean", of: object, .required, invalid: .invalidEAN, GLN.init)
        var street: String?
        var postalCode: String?
        var city: String?
        if let address = reader.object("address", of: object, .required) {
            street = reader.string("street", of: address, .required, length: 1...200)
            postalCode = reader.string("postalCode", of: address, .required, length: 1...20)
            city = reader.string("city", of: address, .required, length: 1...100)
        }
        let contactPerson = reader.string("contactPerson", of: object, .required, length: 1...200)
        let email = reader.parsed("email", of: object, .required, invalid: .invalidEmail, EmailAddress.init)
        let orderReference = reader.string("orderReference", of: object, .optional, length: 1...100)
        let personReference = reader.string("personReference", of: object, .required, length: 1...100)
        guard let name, let cvr, let ean, let street, let postalCode, let city, let contactPerson, let email, let personReference
        else { return nil }
        return Customer(
            name: name, cvr: cvr, ean: ean, address: PostalAddress(street: street, postalCode: postalCode, city: city),
            contactPerson: contactPerson, email: email, orderReference: orderReference, personReference: personReference)
    }

    private static func scheduleLines(_ object: FieldReader.Object, _ reader: inout FieldReader) -> [ScheduleLine]? {
        guard let items = reader.array("schedule", of: object, .required, count: 0...100) else { return nil }
        var lines: [ScheduleLine?] = []
        var seen = Set<String>()
        for item in items {
            guard case .object(let members) = item.value else {
                reader.report(item.path, .wrongType, "must be an object, found \(item.value.kindDescription)")
                lines.append(nil)
                continue
            }
            let line = FieldReader.Object(members: members, path: item.path)
            let lineId = BillingFields.id("lineId", of: line, &reader)
            if let lineId, !seen.insert(lineId).inserted {
                reader.report(line.path.member("lineId"), .duplicateLineId, "another schedule line has this lineId")
                lines.append(nil)
                continue
            }
            let description = reader.string("description", of: line, .required, length: 1...500)
            let amount = BillingFields.amount("amountOre", of: line, &reader)
            let due = reader.object("due", of: line, .required).flatMap { readDue($0, &reader) }
            guard let lineId, let description, let amount, let due else {
                lines.append(nil)
                continue
            }
            lines.append(ScheduleLine(lineId: lineId, description: description, amount: amount, due: due))
        }
        let read = lines.compactMap { $0 }
        return read.count == lines.count ? read : nil
    }

    private static func readDue(_ object: FieldReader.Object, _ reader: inout FieldReader) -> ScheduleLine.Due? {
        let given = ["on", "signed", "afterMeetings"].filter { key in
            if case nil = object.members[key] { return false }
            if case .null? = object.members[key] { return false }
            return true
        }
        guard given.count == 1 else {
            reader.report(object.path, .invalidDue, #"must be exactly one of {"on": "YYYY-MM-DD"}, {"signed": true}, {"afterMeetings": N}"#)
            return nil
        }
        switch given[0] {
        case "on":
            return reader.date("on", of: object, .required, in: DateBounds.businessDays).map(ScheduleLine.Due.on)
        case "signed":
            guard let signed = reader.bool("signed", of: object, .required) else { return nil }
            guard signed else {
                reader.report(object.path.member("signed"), .invalidDue, "must be true")
                return nil
            }
            return .signed
        default:
            return reader.integer("afterMeetings", of: object, .required, in: 1...1000).map(ScheduleLine.Due.afterMeetings)
        }
    }
}

/// Field reads shared by billing's messages.
enum BillingFields {
    /// An id: 1–64 characters, taken as written.
    static func id(_ key: String, of object: FieldReader.Object, _ reader: inout FieldReader) -> String? {
        reader.string(key, of: object, .required, length: 1...64, trimming: false)
    }

    /// An amount in øre: a whole number from 1 øre to 10,000,000,000 kr.
    static func amount(_ key: String, of object: FieldReader.Object, _ reader: inout FieldReader) -> Money? {
        reader.integer(key, of: object, .required, in: 1...1_000_000_000_000).map { Money(ore: Int64($0)) }
    }
}
