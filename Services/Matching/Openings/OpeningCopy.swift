import BodyReading
import Contracts
import Domain
import Foundation

/// What matching keeps of an opening from intake's `opening.registered` / `opening.updated`.
public struct OpeningCopy: Sendable, Hashable {
    public var openingId: UUID
    public var sheetId: String
    public var revision: Int
    public var municipality: Municipality
    public var cvr: CVR
    public var companyName: String
    public var category: JobCategory
    public var tasks: [JobTask]
    public var hoursPerWeek: HoursPerWeek
    public var positions: Int
    public var jobType: JobType
    public var registeredAt: Date
}
