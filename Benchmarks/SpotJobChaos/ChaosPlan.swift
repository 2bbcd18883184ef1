import Chronology
import Contracts
import Domain
import Foundation
import JSON
import Messaging

/// The broker user a message is published as: the least-privileged one for its routing key; what a
/// jobcenter sends, as that jobcenter's own user.
enum Sender: Sendable, Hashable {
    /// Code of Care's event tooling: sheets from its own events, for any municipality.
    case eventTooling
    /// `jobcenter-<kommunekode>`: its own municipality only.
    case tenant(String)
    case contracts

    /// The jobcenters with users of their own (`deploy/rabbitmq/permissions.tsv`), in order.
    static let tenantList = ["615", "766", "183", "661"]
    static let tenants = Set(tenantList)

    /// Who sends a sheet about `municipality`: its jobcenter, or for a municipality without a
    /// tenant on the stack, Code of Care's event tooling.
    static func submitting(for municipality: String) -> Sender {
        tenants.contains(municipality) ? .tenant(municipality) : .eventTooling
    }
}

/// What must already exist in a service's schema before a message can be built and sent (its ids
/// come from there, or the service would refuse it as unknown).
enum Prerequisite: Sendable {
    /// A placement: matching knows the candidate and the opening of the sheet.
    case matchingPair(candidateId: String, sheetId: String)
    /// A company contact: followup knows the opening of the sheet.
    case followupOpening(sheetId: String)
    /// A meeting, event or trip: billing registered the contract.
    case billingContract(String)
    /// `event.held`: billing recorded the booking.
    case billingEvent(contractId: String, eventId: String)
}

/// One input of the run, sent when its prerequisite exists; it counts as sent once confirmed.
struct ChaosInput: Sendable {
    /// Whether the service should take it or refuse it (then record it and dead-letter it).
    enum Outcome: Sendable, Equatable { case accepted, rejected(service: String) }

    let messageID = UUID.timeOrdered()
    let routingKey: String
    let sender: Sender
    let outcome: Outcome
    let prerequisite: Prerequisite?
    /// The body, given the ids the services assigned so far.
    let body: @Sendable (KnownIDs) throws -> [UInt8]
}

/// Everything the run sends and what it expects from it. All ids start with ``prefix``, so the
/// checks see this run's rows only (the stack holds earlier test data).
struct ChaosPlan: Sendable {
    let runID: String
    /// Sent paced over the drive: sheets, profiles, contracts, contacts for unknown openings.
    private(set) var primaries: [ChaosInput] = []
    /// Sent once their prerequisite exists: placements, contacts, meetings, events, trips.
    private(set) var dependents: [ChaosInput] = []

    /// Valid sheets by id, with the message that carried each.
    private(set) var sheets: [(sheetId: String, messageID: UUID)] = []
    /// Sheets whose company the run reports as contacted.
    private(set) var contacts: [(sheetId: String, messageID: UUID)] = []
    private(set) var profiles: [(candidateId: String, messageID: UUID)] = []
    private(set) var placements: [(placementId: String, messageID: UUID)] = []
    /// Per valid contract, the invoice lines that must each be invoiced exactly once, and the
    /// messages that make them fall due (a line counts only when they were all confirmed).
    private(set) var invoiceLines: [(contractId: String, lineId: String, messageIDs: [UUID])] = []
    /// Inputs a service must refuse, record and dead-letter.
    var rejected: [ChaosInput] { (primaries + dependents).filter { $0.outcome != .accepted } }

    var prefix: String { "chaos-\(runID)-" }

    /// N sheets (2 % invalid; every other one in one of the seeds' four municipalities, sent by
    /// its jobcenter's user, the rest across all 98 sent by Code of Care's event tooling; and 1 %
    /// sent by Horsens' user for another municipality, refused), N/5 profiles (5 % invalid, each of
    /// one of the four jobcenters) each placed in its own opening (and a few refused placements), a
    /// contact by its jobcenter for every other opening, those of the four (and a few for unknown openings), and
    /// N/10 contracts (5 % invalid) with meetings (one reported twice), an event in halves and, for
    /// state-rate contracts, two trips (a trip on a few `included` contracts, refused). Sheets are
    /// submitted in 2025 and placements start then, so followup's timers are overdue and fire at once.
    init(scale: Int, runID: String, cprBase: Int) {
        self.runID = runID
        let municipalities = Municipalities.denmark.all.map(\.code)
        let categories = JobCategory.allCases
        let sheetCount = max(scale, 10)
        let profileCount = max(sheetCount / 5, 2)
        let contractCount = max(sheetCount / 10, 2)
        var sheetIsValid: [Bool] = []

        var sheetInputs: [ChaosInput] = []
        var unknownOpeningContacts: [ChaosInput] = []
        for index in 0..<sheetCount {
            let sheetId = "\(prefix)s\(index)"
            let valid = index % 50 != 49
            sheetIsValid.append(valid)
            let municipality = Self.municipality(ofSheet: index, among: municipalities)
            let body = SheetBody(
                sheetId: sheetId, source: "chaos-\(runID)", municipality: municipality,
                company: .init(cvr: valid ? Self.cvrs[index % Self.cvrs.count] : "12345678", name: "Chaos \(index) ApS"),
                contact: .init(name: "Kontakt \(index)", phone: "+45 75 62 11 00"),
                category: categories[(index / municipalities.count) % categories.count].rawValue,
                tasks: ["Oprydning"], hoursPerWeek: valid ? 10 : 40, submittedAt: "2025-03-03T09:00:00+01:00")
            let input = ChaosInput(
                routingKey: IntakeEvents.sheetSubmitted, sender: .submitting(for: municipality),
                outcome: valid ? .accepted : .rejected(service: "intake"), prerequisite: nil, body: Self.fixed(body))
            sheetInputs.append(input)
            if index % 100 == 5, municipality != "615" {
                var foreign = body
                foreign.sheetId = "\(prefix)f\(index)"
                sheetInputs.append(ChaosInput(
                    routingKey: IntakeEvents.sheetSubmitted, sender: .tenant("615"), outcome: .rejected(service: "intake"),
                    prerequisite: nil, body: Self.fixed(foreign)))
            }
            if valid { sheets.append((sheetId, input.messageID)) }
            if valid, index % 2 == 0 {
                let contact = ChaosInput(
                    routingKey: FollowupEvents.companyContacted, sender: .tenant(municipality), outcome: .accepted,
                    prerequisite: .followupOpening(sheetId: sheetId)
                ) { known in
                    try JSONCoding.encoder.encode(ContactBody(
                        openingId: try known.followupOpening(sheetId).uuidString, contactedAt: "2025-03-04T10:00:00+01:00",
                        by: "Jobcenter, chaos run", outcome: ContactOutcome.reached.rawValue))
                }
                dependents.append(contact)
                contacts.append((sheetId, contact.messageID))
            }
            if index % 100 == 3 {
                unknownOpeningContacts.append(ChaosInput(
                    routingKey: FollowupEvents.companyContacted, sender: .tenant("615"), outcome: .rejected(service: "followup"),
                    prerequisite: nil, body: Self.fixed(ContactBody(
                        openingId: UUID().uuidString, contactedAt: "2025-03-04T10:00:00+01:00", by: "Jobcenter, chaos run",
                        outcome: ContactOutcome.reached.rawValue))))
            }
        }

        var profileInputs: [ChaosInput] = []
        for index in 0..<profileCount {
            let candidateId = "\(prefix)c\(index)"
            let valid = index % 20 != 19
            let municipality = Self.municipality(ofSheet: index, among: municipalities)
            let jobcenter = Sender.tenantList[index % Sender.tenantList.count]
            let body = ProfileBody(
                candidateId: candidateId, jobcenter: jobcenter, cpr: valid ? Self.cpr(cprBase + index) : "320185-1234",
                homeMunicipality: municipality, categories: [categories[(index / municipalities.count) % categories.count].rawValue],
                tasks: ["Oprydning"], hoursPerWeek: .init(min: 3, max: 12), unemployedSince: "2024-01-15",
                submittedAt: "2025-03-01T09:00:00+01:00")
            let input = ChaosInput(
                routingKey: MatchingEvents.candidateProfiled, sender: .tenant(jobcenter),
                outcome: valid ? .accepted : .rejected(service: "matching"), prerequisite: nil, body: Self.fixed(body))
            profileInputs.append(input)
            guard valid else { continue }
            profiles.append((candidateId, input.messageID))
            if sheetIsValid[index] {
                let placementId = "\(prefix)p\(index)"
                let placement = Self.placement(
                    placementId, candidateId: candidateId, sheetId: "\(prefix)s\(index)", hours: 5, sender: .tenant(jobcenter))
                dependents.append(placement)
                placements.append((placementId, placement.messageID))
            }
            // More hours than the opening has: refused (`hours-exceed-opening`).
            let other = profileCount + index
            if index % 25 == 7, other < sheetCount, sheetIsValid[other] {
                dependents.append(Self.placement(
                    "\(prefix)px\(index)", candidateId: candidateId, sheetId: "\(prefix)s\(other)", hours: 30,
                    sender: .tenant(jobcenter), outcome: .rejected(service: "matching")))
            }
        }

        var contractInputs: [ChaosInput] = []
        for index in 0..<contractCount {
            let contractId = "\(prefix)k\(index)"
            let valid = index % 20 != 19
            let stateRate = index % 2 == 0
            let input = ChaosInput(
                routingKey: BillingEvents.contractRegistered, sender: .contracts,
                outcome: valid ? .accepted : .rejected(service: "billing"), prerequisite: nil,
                body: Self.fixed(ContractBody(contractId: contractId, valid: valid, stateRate: stateRate)))
            contractInputs.append(input)
            guard valid else { continue }
            addActivities(contractId: contractId, registration: input.messageID, stateRate: stateRate, refusedTrip: !stateRate && index % 10 == 1)
        }

        primaries = Self.interleave([sheetInputs, unknownOpeningContacts, profileInputs, contractInputs])
    }

    /// A valid contract's meetings (the second reported twice), its event booked and held, its
    /// trips, and the invoice lines they make due.
    private mutating func addActivities(contractId: String, registration: UUID, stateRate: Bool, refusedTrip: Bool) {
        func send(_ routingKey: String, _ body: some Encodable & Sendable, after prerequisite: Prerequisite? = nil,
                  outcome: ChaosInput.Outcome = .accepted) -> UUID {
            let input = ChaosInput(
                routingKey: routingKey, sender: .contracts, outcome: outcome,
                prerequisite: prerequisite ?? .billingContract(contractId), body: Self.fixed(body))
            dependents.append(input)
            return input.messageID
        }
        let first = send(BillingEvents.meetingHeld, MeetingHeldMessage(contractId: contractId, meetingId: "m1", heldOn: "2025-02-10"))
        let second = send(BillingEvents.meetingHeld, MeetingHeldMessage(contractId: contractId, meetingId: "m2", heldOn: "2025-03-10"))
        _ = send(BillingEvents.meetingHeld, MeetingHeldMessage(contractId: contractId, meetingId: "m2", heldOn: "2025-03-10"))
        let booked = send(BillingEvents.eventBooked, EventBookedMessage(
            contractId: contractId, eventId: "e1", title: "Jobmesse", priceOre: 5_000_001, bookedOn: "2025-02-01"))
        let held = send(BillingEvents.eventHeld, EventHeldMessage(contractId: contractId, eventId: "e1", heldOn: "2025-03-01"),
                        after: .billingEvent(contractId: contractId, eventId: "e1"))
        invoiceLines += [
            (contractId, "signed", [registration]), (contractId, "fixed", [registration]),
            (contractId, "meetings", [registration, first, second]),
            (contractId, "e1/booked", [registration, booked]), (contractId, "e1/held", [registration, booked, held]),
        ]
        if stateRate {
            for (trip, date) in [("t1", "2025-03-10"), ("t2", "2025-03-20")] {
                let logged = send(BillingEvents.mileageLogged, MileageLoggedMessage(
                    contractId: contractId, tripId: trip, date: date, km: 12.5, purpose: "Task Force-møde"))
                invoiceLines.append((contractId, trip, [registration, logged]))
            }
        }
        if refusedTrip {
            _ = send(BillingEvents.mileageLogged, MileageLoggedMessage(
                contractId: contractId, tripId: "tx", date: "2025-03-10", km: 12.5, purpose: "Task Force-møde"),
                outcome: .rejected(service: "billing"))
        }
    }

    /// The municipality of sheet `index`: every other one (those the run reports contacts for) one of
    /// the four jobcenters', the rest across `municipalities`.
    private static func municipality(ofSheet index: Int, among municipalities: [String]) -> String {
        index % 2 == 0 ? Sender.tenantList[(index / 2) % Sender.tenantList.count] : municipalities[index % municipalities.count]
    }

    /// A placement of `candidateId` (sent by `sender`, the candidate's jobcenter) in `sheetId`'s opening.
    private static func placement(
        _ placementId: String, candidateId: String, sheetId: String, hours: Double, sender: Sender,
        outcome: ChaosInput.Outcome = .accepted
    ) -> ChaosInput {
        ChaosInput(
            routingKey: MatchingEvents.placementReported, sender: sender, outcome: outcome,
            prerequisite: .matchingPair(candidateId: candidateId, sheetId: sheetId)
        ) { known in
            try JSONCoding.encoder.encode(PlacementBody(
                placementId: placementId, candidateId: candidateId, openingId: try known.matchingOpening(sheetId).uuidString,
                startDate: "2025-01-06", hoursPerWeek: hours))
        }
    }

    /// Lists merged in proportion, so the paced drive sends a mix of all of them all the time.
    private static func interleave(_ lists: [[ChaosInput]]) -> [ChaosInput] {
        lists.flatMap { list in list.enumerated().map { (Double($0.offset) / Double(list.count), $0.element) } }
            .sorted { $0.0 < $1.0 }.map(\.1)
    }

    private static func fixed(_ body: some Encodable & Sendable) -> @Sendable (KnownIDs) throws -> [UInt8] {
        { _ in try JSONCoding.encoder.encode(body) }
    }

    /// CVR numbers that pass the modulus-11 check (from the seeds and the demo).
    private static let cvrs = ["25313763", "10150817", "29403473", "29189757"]

    /// A fictitious CPR number, distinct for every `index` below 58,400,000: born 1960–1999 (a
    /// seventh digit of 0–3 puts every two-digit year in the 1900s), serial 0000–3999.
    static func cpr(_ index: Int) -> String {
        let index = index % (14_600 * 4_000)
        let birth = CivilDate(year: 1960, month: 1, day: 1)!.advanced(by: index / 4_000)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let serial = String(index % 4_000)
        return "\(two(birth.day))\(two(birth.month))\(two(birth.year % 100))-\(String(repeating: "0", count: 4 - serial.count))\(serial)"
    }
}
