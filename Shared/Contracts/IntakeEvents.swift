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

    public static let consumed = [sheetSubmitted, sheetWithdrawn]
    public static let emitted = [openingRegistered, openingUpdated, openingWithdrawn, sheetRejected]
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

/// The body of `opening.withdrawn`.
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
