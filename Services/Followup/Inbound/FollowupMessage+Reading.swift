import BodyReading
import Contracts
import Foundation

/// Reads followup's inbound bodies strictly, as intake reads sheets: every field checked, every
/// problem reported, whoever sent the message (a jobcenter system, or intake and matching).
extension FollowupMessage {
    /// The message of routing key `type` read from `body` at `now` (for the bounds of its timestamps).
    static func read(type: String, body: [UInt8], readAt now: Date) -> FollowupMessage {
        let past = DateBounds.pastInstants(readAt: now)
        let result: Result<FollowupMessage, Rejection> = switch type {
        case IntakeEvents.openingHandedOver, IntakeEvents.leadRegistered, IntakeEvents.leadUpdated:
            MessageBody.read(body) { body, reader in
                HandoverPayload(reading: body, with: &reader, past: past, lead: type != IntakeEvents.openingHandedOver).map { .handover($0) }
            }
        case IntakeEvents.openingWithdrawn, IntakeEvents.leadWithdrawn:
            MessageBody.read(body) { body, reader in reader.uuid("openingId", of: body, .required).map { .openingWithdrawn(openingId: $0) } }
        case FollowupEvents.companyContacted:
            MessageBody.read(body) { body, reader in CompanyContact(reading: body, with: &reader, past: past).map { .contacted($0) } }
        case FollowupEvents.placementRecorded:
            MessageBody.read(body) { body, reader in PlacementNotice(reading: body, with: &reader).map { .placement($0) } }
        case FollowupEvents.placementEnded:
            MessageBody.read(body) { body, reader in
                let placementId = reader.string("placementId", of: body, .required, length: 1...64, trimming: false)
                let endDate = reader.date("endDate", of: body, .required, in: DateBounds.businessDays)
                let reason = reader.string("reason", of: body, .required, length: 1...500)
                guard let placementId, let endDate, let reason else { return nil }
                return .placementEnded(placementId: placementId, endDate: endDate, reason: reason)
            }
        case FollowupEvents.checkinCompleted:
            MessageBody.read(body) { body, reader in CheckinCompletion(reading: body, with: &reader, past: past).map { .checkinCompleted($0) } }
        default:
            .failure(.unsupported(type: type, by: FollowupEvents.service))
        }
        switch result {
        case .success(let message): return message
        case .failure(let rejection): return .invalid(rejection)
        }
    }
}

extension HandoverPayload {
    /// Reads a hand-over; its `submittedAt` and `registeredAt` must lie in `past`. An opening's job
    /// (`category`, `tasks`, `hoursPerWeek`, `positions`, `jobType`) is required, a lead's is not read.
    init?(reading body: FieldReader.Object, with reader: inout FieldReader, past: ClosedRange<Date>, lead: Bool) {
        let openingId = reader.uuid("openingId", of: body, .required)
        let sheetId = reader.string("sheetId", of: body, .required, length: 1...64, trimming: false)
        let revision = reader.integer("revision", of: body, .required, in: 1...Int(Int32.max))
        let source = reader.string("source", of: body, .optional, length: 1...100)
        let municipality = reader.municipality("municipality", of: body, .required)
        let company = reader.object("company", of: body, .required)
        let cvr = company.flatMap { reader.cvr("cvr", of: $0, .required) }
        let name = company.flatMap { reader.string("name", of: $0, .required, length: 1...200) }
        let employees = company.flatMap { reader.integer("employees", of: $0, .optional, in: 0...Int(Int32.max)) }
        let contact = Contact(reading: body, with: &reader)
        let presence: FieldReader.Presence = lead ? .optional : .required
        let category = lead ? nil : reader.category("category", of: body, presence)
        let tasks = lead ? nil : reader.tasks("tasks", of: body, presence, count: 1...20)
        let hoursPerWeek = lead ? nil : reader.hoursPerWeek("hoursPerWeek", of: body, presence)
        let positions = lead ? nil : reader.integer("positions", of: body, presence, in: 1...50)
        let jobType = lead ? nil : reader.jobType("jobType", of: body, presence)
        let visitRequested = reader.bool("visitRequested", of: body, .required)
        let submittedAt = reader.timestamp("submittedAt", of: body, .optional, in: past)
        let registeredAt = reader.timestamp("registeredAt", of: body, .required, in: past)
        let updatedAt = reader.timestamp("updatedAt", of: body, .optional, in: past)
        guard reader.errors.isEmpty, let openingId, let sheetId, let revision, let municipality, let cvr, let name, let contact,
              let visitRequested, let registeredAt
        else { return nil }
        self.init(
            openingId: openingId, sheetId: sheetId, revision: revision, source: source, municipality: municipality.code,
            company: OpeningPayload.Company(cvr: cvr, name: name, employees: employees), contact: contact, category: category,
            tasks: tasks, hoursPerWeek: hoursPerWeek, positions: positions, jobType: jobType, visitRequested: visitRequested,
            submittedAt: submittedAt ?? registeredAt, registeredAt: registeredAt, updatedAt: updatedAt)
    }
}

extension HandoverPayload.Contact {
    /// Reads the object `contact` of `body`: a name, and a phone number or an e-mail address.
    fileprivate init?(reading body: FieldReader.Object, with reader: inout FieldReader) {
        guard let contact = reader.object("contact", of: body, .required) else { return nil }
        let name = reader.string("name", of: contact, .required, length: 1...200)
        let errorsBefore = reader.errors.count
        let phone = reader.string("phone", of: contact, .optional, length: 1...20)
        let email = reader.string("email", of: contact, .optional, length: 1...254)
        if phone == nil, email == nil, reader.errors.count == errorsBefore {
            reader.report(contact.path, .required, "needs a phone number or an e-mail address")
        }
        guard let name, phone != nil || email != nil else { return nil }
        self.init(name: name, phone: phone, email: email)
    }
}

extension FollowupMessage.CompanyContact {
    /// Reads a contact; its `contactedAt` must lie in `past`.
    init?(reading body: FieldReader.Object, with reader: inout FieldReader, past: ClosedRange<Date>) {
        let openingId = reader.uuid("openingId", of: body, .required)
        let contactedAt = reader.timestamp("contactedAt", of: body, .required, in: past)
        let by = reader.string("by", of: body, .required, length: 1...200)
        let outcome = reader.oneOf("outcome", of: body, .required, ContactOutcome.self)
        let note = reader.string("note", of: body, .optional, length: 1...2000)
        guard let openingId, let contactedAt, let by, let outcome else { return nil }
        self.init(openingId: openingId, contactedAt: contactedAt, by: by, outcome: outcome, note: note)
    }
}

extension FollowupMessage.PlacementNotice {
    init?(reading body: FieldReader.Object, with reader: inout FieldReader) {
        let placementId = reader.string("placementId", of: body, .required, length: 1...64, trimming: false)
        let candidateId = reader.string("candidateId", of: body, .required, length: 1...64, trimming: false)
        let openingId = reader.uuid("openingId", of: body, .required)
        let cvr = reader.cvr("cvr", of: body, .required)
        let municipality = reader.municipality("municipality", of: body, .required)
        let jobcenter = reader.municipality("jobcenter", of: body, .optional)
        let jobType = reader.jobType("jobType", of: body, .required)
        let startDate = reader.date("startDate", of: body, .required, in: DateBounds.businessDays)
        let targetGroup = reader.bool("targetGroup", of: body, .required)
        guard let placementId, let candidateId, let openingId, let cvr, let municipality, let jobType, let startDate, let targetGroup
        else { return nil }
        self.init(
            placementId: placementId, candidateId: candidateId, openingId: openingId, cvr: cvr, municipality: municipality,
            jobcenter: (jobcenter ?? municipality).code, jobType: jobType, startDate: startDate, targetGroup: targetGroup)
    }
}

extension FollowupMessage.CheckinCompletion {
    /// Reads a completed check-in; its `completedAt` must lie in `past`.
    init?(reading body: FieldReader.Object, with reader: inout FieldReader, past: ClosedRange<Date>) {
        let checkinId = reader.uuid("checkinId", of: body, .required)
        let completedAt = reader.timestamp("completedAt", of: body, .required, in: past)
        let outcome = reader.oneOf("outcome", of: body, .required, CheckinOutcome.self)
        let note = reader.string("note", of: body, .optional, length: 1...2000)
        guard let checkinId, let completedAt, let outcome else { return nil }
        self.init(checkinId: checkinId, completedAt: completedAt, outcome: outcome, note: note)
    }
}
