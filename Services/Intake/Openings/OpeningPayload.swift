import Domain
import Foundation

/// An opening as intake announces it: the body of `opening.registered` and `opening.updated`, and
/// a row of `spotjob openings list --json`. Contact details are not here: they stay in intake.
public struct OpeningPayload: Codable, Sendable, Equatable {
    public struct Company: Codable, Sendable, Equatable {
        public var cvr: CVR
        public var name: String
    }

    public var openingId: UUID
    public var sheetId: String
    public var revision: Int
    /// The three-digit kommunekode.
    public var municipality: String
    public var company: Company
    public var category: JobCategory
    public var tasks: [JobTask]
    public var hoursPerWeek: HoursPerWeek
    public var positions: Int
    public var jobType: JobType
    public var visitRequested: Bool
    public var registeredAt: Date
    /// Set in `opening.updated` and in listings of updated openings.
    public var updatedAt: Date?
    /// `registered` or `withdrawn`; only in listings, not in events.
    public var status: String?
}

extension OpeningPayload {
    init(openingId: UUID, sheet: SpotJobSheet, registeredAt: Date, updatedAt: Date? = nil) {
        self.openingId = openingId
        sheetId = sheet.sheetId
        revision = sheet.revision
        municipality = sheet.municipality.code
        company = Company(cvr: sheet.company.cvr, name: sheet.company.name)
        category = sheet.category
        tasks = sheet.tasks
        hoursPerWeek = sheet.hoursPerWeek
        positions = sheet.positions
        jobType = sheet.jobType
        visitRequested = sheet.visitRequested
        self.registeredAt = registeredAt
        self.updatedAt = updatedAt
    }
}

/// The body of `opening.withdrawn`.
public struct OpeningWithdrawnPayload: Codable, Sendable, Equatable {
    public var openingId: UUID
    public var sheetId: String
    public var reason: String
    public var withdrawnAt: Date
}

/// The body of `sheet.rejected`: every problem found, so the sender can fix them all at once.
public struct SheetRejectedPayload: Codable, Sendable, Equatable {
    /// The rejected message's id, to find it in `intake.dead`.
    public var messageId: UUID
    public var sheetId: String?
    public var errors: [FieldError]
    public var receivedAt: Date
}
