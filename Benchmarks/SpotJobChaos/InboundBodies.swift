/// The bodies of what jobcenters and contract administration send, as the run writes them
/// (docs/messages.md). Billing's activities and placements use the types of `Contracts`' where
/// they fit; these are the ones that exist only as files or CLI options elsewhere.

/// `sheet.submitted`.
struct SheetBody: Encodable, Sendable {
    struct Company: Encodable, Sendable { var cvr: String, name: String }
    struct Contact: Encodable, Sendable { var name: String, phone: String }
    var sheetId: String
    var source: String
    var municipality: String
    var company: Company
    var contact: Contact
    var category: String
    var tasks: [String]
    var hoursPerWeek: Int
    var submittedAt: String
}

/// `candidate.profiled`; the CPR number is fictitious.
struct ProfileBody: Encodable, Sendable {
    struct Hours: Encodable, Sendable { var min: Int, max: Int }
    var candidateId: String
    var jobcenter: String
    var cpr: String
    var homeMunicipality: String
    var categories: [String]
    var tasks: [String]
    var hoursPerWeek: Hours
    var unemployedSince: String
    var submittedAt: String
}

/// `placement.reported`.
struct PlacementBody: Encodable, Sendable {
    var placementId: String
    var candidateId: String
    var openingId: String
    var startDate: String
    var hoursPerWeek: Double
}

/// `company.contacted`.
struct ContactBody: Encodable, Sendable {
    var openingId: String
    var contactedAt: String
    var by: String
    var outcome: String
}

/// `contract.registered` for 2025: a line due at signing, one on a date already past, one after two
/// meetings. An invalid one has an EAN number whose check digit is wrong.
struct ContractBody: Encodable, Sendable {
    struct Customer: Encodable, Sendable {
        struct Address: Encodable, Sendable { var street = "Niels Espes Vej 8", postalCode = "8722", city = "Hedensted" }
        var name = "Hedensted Kommune"
        var cvr = "29189757"
        var ean: String
        var address = Address()
        var contactPerson = "Jobcenterchef"
        var email = "jobcenter@hedensted.dk"
        var personReference = "JOBCENTER"
    }
    struct Period: Encodable, Sendable { var start = "2025-01-01", end = "2025-12-31" }
    struct Line: Encodable, Sendable {
        var lineId: String
        var description: String
        var amountOre: Int
        var due: Due
    }
    struct Due: Encodable, Sendable {
        var signed: Bool?
        var on: String?
        var afterMeetings: Int?
    }
    var contractId: String
    var title = "Code of Care Task Force, chaos run"
    var customer: Customer
    var period = Period()
    var signedOn = "2025-01-01"
    var mileage: String
    var schedule: [Line]

    init(contractId: String, valid: Bool, stateRate: Bool) {
        self.contractId = contractId
        customer = Customer(ean: valid ? "5798000000025" : "5798000000026")
        mileage = stateRate ? "state-rate" : "included"
        schedule = [
            Line(lineId: "signed", description: "Ved underskrift", amountOre: 5_000_000, due: Due(signed: true)),
            Line(lineId: "fixed", description: "1. februar", amountOre: 2_500_000, due: Due(on: "2025-02-03")),
            Line(lineId: "meetings", description: "Efter to møder", amountOre: 2_500_000, due: Due(afterMeetings: 2)),
        ]
    }
}
