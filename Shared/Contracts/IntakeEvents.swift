import BodyReading
import Domain
import Foundation

/// Intake's contract: the routing keys it consumes and emits, and the bodies of the events it
/// emits (`docs/messages.md` is the contract for outside systems; `ContractsTests` keep the two in
/// step). Consumers of `opening.*` import this, never the `Intake` library.
public enum IntakeEvents {
    public static let service = "intake"

    // Consumed
    public static let sheetSubmitted = "sheet.submitted"
    public static let sheetWithdrawn = "sheet.withdrawn"

    // Emitted
    public static let openingRegistered = "opening.registered"
    public static let openingUpdated = "opening.updated"
    public static let openingWithdrawn = "opening.withdrawn"
    public static let sheetRejected = "sheet.rejected"
    // Emitted for followup alone (no other user may bind them): they carry the company's contact.
    public static let openingHandedOver = "opening.handed-over"
    public static let leadRegistered = "lead.registered"
    public static let leadUpdated = "lead.updated"
    public static let leadWithdrawn = "lead.withdrawn"

    public static let consumed = [sheetSubmitted, sheetWithdrawn]
    public static let emitted = [
        openingRegistered, openingUpdated, openingWithdrawn, sheetRejected,
        openingHandedOver, leadRegistered, leadUpdated, leadWithdrawn,
    ]
}

/// An opening as intake announces it: the body of `opening.registered` and `opening.updated`, and
/// a row of `spotjob openings list --json`. Contact details are not here: they stay in intake.
public struct OpeningPayload: Codable, Sendable, Equatable {
    public struct Company: Codable, Sendable, Equatable {
        public var cvr: CVR
        public var name: String
        /// The number of employees, when the sheet gave it.
        public var employees: Int?

        public init(cvr: CVR, name: String, employees: Int? = nil) {
            self.cvr = cvr
            self.name = name
            self.employees = employees
        }
    }

    public var openingId: UUID
    public var sheetId: String
    public var revision: Int
    /// The event or system that captured the sheet (`jobshop-horsens-2017-05-15`).
    public var source: String?
    /// The three-digit kommunekode.
    public var municipality: String
    public var company: Company
    public var category: JobCategory
    public var tasks: [JobTask]
    public var hoursPerWeek: HoursPerWeek
    public var positions: Int
    public var jobType: JobType
    public var visitRequested: Bool
    /// When the sheet was filled in: the follow-up deadline counts from here.
    public var submittedAt: Date?
    public var registeredAt: Date
    /// Set in `opening.updated` and in listings of updated openings.
    public var updatedAt: Date?
    /// `registered` or `withdrawn`; only in listings, not in events.
    public var status: String?

    public init(
        openingId: UUID, sheetId: String, revision: Int, source: String?, municipality: String, company: Company,
        category: JobCategory, tasks: [JobTask], hoursPerWeek: HoursPerWeek, positions: Int, jobType: JobType,
        visitRequested: Bool, submittedAt: Date?, registeredAt: Date, updatedAt: Date? = nil, status: String? = nil
    ) {
        self.openingId = openingId
        self.sheetId = sheetId
        self.revision = revision
        self.source = source
        self.municipality = municipality
        self.company = company
        self.category = category
        self.tasks = tasks
        self.hoursPerWeek = hoursPerWeek
        self.positions = positions
        self.jobType = jobType
        self.visitRequested = visitRequested
        self.submittedAt = submittedAt
        self.registeredAt = registeredAt
        self.updatedAt = updatedAt
        self.status = status
    }
}

/// What followup needs to hand a sheet over to its jobcenter: the body of `opening.handed-over` (an
/// opening, every field) and of `lead.registered` and `lead.updated` (a lead: a company that only
/// wants a visit, without `category`, `tasks`, `hoursPerWeek`, `positions` and `jobType`). It holds
/// the contact's personal data, so only followup's user may bind these routing keys.
public struct HandoverPayload: Codable, Sendable, Equatable {
    /// The company's contact person, as intake normalised the sheet's: a phone number, an e-mail
    /// address or both.
    public struct Contact: Codable, Sendable, Equatable {
        public var name: String
        /// `+45` and eight digits.
        public var phone: String?
        public var email: String?

        public init(name: String, phone: String?, email: String?) {
            self.name = name
            self.phone = phone
            self.email = email
        }
    }

    /// Assigned by intake to the sheet, stable across revisions (a lead keeps it when it becomes an opening).
    public var openingId: UUID
    public var sheetId: String
    public var revision: Int
    public var source: String?
    public var municipality: String
    public var company: OpeningPayload.Company
    public var contact: Contact
    public var category: JobCategory?
    public var tasks: [JobTask]?
    public var hoursPerWeek: HoursPerWeek?
    public var positions: Int?
    public var jobType: JobType?
    public var visitRequested: Bool
    public var submittedAt: Date?
    public var registeredAt: Date
    public var updatedAt: Date?

    /// The hand-over of `opening`, whose contact is `contact`.
    public init(opening: OpeningPayload, contact: Contact) {
        self.init(
            openingId: opening.openingId, sheetId: opening.sheetId, revision: opening.revision, source: opening.source,
            municipality: opening.municipality, company: opening.company, contact: contact, category: opening.category,
            tasks: opening.tasks, hoursPerWeek: opening.hoursPerWeek, positions: opening.positions, jobType: opening.jobType,
            visitRequested: opening.visitRequested, submittedAt: opening.submittedAt, registeredAt: opening.registeredAt,
            updatedAt: opening.updatedAt)
    }

    public init(
        openingId: UUID, sheetId: String, revision: Int, source: String?, municipality: String, company: OpeningPayload.Company,
        contact: Contact, category: JobCategory?, tasks: [JobTask]?, hoursPerWeek: HoursPerWeek?, positions: Int?,
        jobType: JobType?, visitRequested: Bool, submittedAt: Date?, registeredAt: Date, updatedAt: Date?
    ) {
        self.openingId = openingId
        self.sheetId = sheetId
        self.revision = revision
        self.source = source
        self.municipality = municipality
        self.company = company
        self.contact = contact
        self.category = category
        self.tasks = tasks
        self.hoursPerWeek = hoursPerWeek
        self.positions = positions
        self.jobType = jobType
        self.visitRequested = visitRequested
        self.submittedAt = submittedAt
        self.registeredAt = registeredAt
        self.updatedAt = updatedAt
    }
}

/// The body of `opening.withdrawn` and `lead.withdrawn`.
public struct OpeningWithdrawnPayload: Codable, Sendable, Equatable {
    public var openingId: UUID
    public var sheetId: String
    public var reason: String
    public var withdrawnAt: Date

    public init(openingId: UUID, sheetId: String, reason: String, withdrawnAt: Date) {
        self.openingId = openingId
        self.sheetId = sheetId
        self.reason = reason
        self.withdrawnAt = withdrawnAt
    }
}
