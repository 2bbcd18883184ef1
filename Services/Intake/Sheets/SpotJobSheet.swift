import Domain
import Foundation

/// A "Spot et job" sheet that passed ``SheetValidator/validateSheet(_:readAt:)``: every field checked
/// and normalised, defaults filled in.
///
/// The only way to make one from a message body is the validator. It is `Codable` so that
/// intake can keep the normalised sheet; decoding checks each value type (``CVR``,
/// ``Municipality``, …) but not the contract's ranges, so decode only what was encoded from a
/// validated sheet.
public struct SpotJobSheet: Sendable, Hashable, Codable {
    /// The sender's id for the sheet, 1–64 characters; the idempotency key.
    public let sheetId: String
    /// The sheet's revision, from 1; a higher revision replaces the opening.
    public let revision: Int
    /// The system or event that captured the sheet, e.g. `jobshop-horsens-2017-05-15`.
    public let source: String
    /// The municipality whose jobcenter follows the opening up.
    public let municipality: Municipality
    /// The company offering the job.
    public let company: Company
    /// Whom the jobcenter contacts; has a phone number, an e-mail address or both.
    public let contact: Contact
    /// The job category; `nil` (with ``tasks`` and ``hoursPerWeek``) for a lead.
    public let category: JobCategory?
    /// The tasks, known ones as codes, each once, in the sheet's order; 1–20 of them; `nil` for a lead.
    public let tasks: [JobTask]?
    /// The hours a week the job offers; `nil` for a lead.
    public let hoursPerWeek: HoursPerWeek?
    /// How many people the company would take on, 1–50.
    public let positions: Int
    /// The kind of employment; ``JobType/smajob`` unless the sheet says otherwise.
    public let jobType: JobType
    /// Whether the company asked for a visit from the jobcenter.
    public let visitRequested: Bool
    /// A free-text note, up to 2000 characters.
    public let note: String?
    /// When the sheet was filled in, as the sender reported it.
    public let submittedAt: Date

    /// A lead: a company that only wants a visit from the jobcenter (`visitRequested`, no category,
    /// tasks or hours). It is handed over to followup, never announced as an opening.
    public var isLead: Bool { category == nil }

    /// The company on a sheet.
    public struct Company: Sendable, Hashable, Codable {
        public let cvr: CVR
        /// The company's name, 1–200 characters.
        public let name: String
        /// The number of employees, when the sheet gives it.
        public let employees: Int?
    }

    /// The company's contact person for the job.
    public struct Contact: Sendable, Hashable, Codable {
        /// The person's name, 1–200 characters.
        public let name: String
        public let phone: DanishPhoneNumber?
        public let email: EmailAddress?
    }
}
