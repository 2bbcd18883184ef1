import Chronology
import Domain

/// A person as scoring sees them: no CPR number (so neither age nor sex), no note, no name.
/// Only what the hard rules and criteria of ``Ranking`` read.
public struct Candidate: Sendable, Hashable, Codable {
    public var candidateId: String
    /// The responsible jobcenter's kommunekode.
    public var jobcenter: String
    public var homeMunicipality: String
    public var workMunicipalities: [String]
    /// In order of preference.
    public var categories: [JobCategory]
    public var tasks: [JobTask]
    public var hours: HoursRange
    public var jobTypes: [JobType]
    public var maxJobs: Int
    /// Placements recorded and not ended.
    public var activePlacements: Int
    public var unemployedSince: CivilDate
    public var availableFrom: CivilDate

    public init(
        candidateId: String, jobcenter: String, homeMunicipality: String, workMunicipalities: [String],
        categories: [JobCategory], tasks: [JobTask], hours: HoursRange, jobTypes: [JobType], maxJobs: Int,
        activePlacements: Int, unemployedSince: CivilDate, availableFrom: CivilDate
    ) {
        self.candidateId = candidateId
        self.jobcenter = jobcenter
        self.homeMunicipality = homeMunicipality
        self.workMunicipalities = workMunicipalities
        self.categories = categories
        self.tasks = tasks
        self.hours = hours
        self.jobTypes = jobTypes
        self.maxJobs = maxJobs
        self.activePlacements = activePlacements
        self.unemployedSince = unemployedSince
        self.availableFrom = availableFrom
    }

    /// Free slots: how many more placements the person can take.
    public var freeSlots: Int { Swift.max(0, maxJobs - activePlacements) }
}

/// An opening as matching keeps it (from intake's `opening.*` events) plus its active placements.
public struct MatchOpening: Sendable, Hashable {
    public var openingId: UUIDString
    public var municipality: String
    public var category: JobCategory
    public var tasks: [JobTask]
    public var hoursPerWeek: HoursPerWeek
    public var jobType: JobType
    public var positions: Int
    /// Active placements in the opening.
    public var filled: Int
    public var withdrawn: Bool

    public init(
        openingId: UUIDString, municipality: String, category: JobCategory, tasks: [JobTask], hoursPerWeek: HoursPerWeek,
        jobType: JobType, positions: Int, filled: Int = 0, withdrawn: Bool = false
    ) {
        self.openingId = openingId
        self.municipality = municipality
        self.category = category
        self.tasks = tasks
        self.hoursPerWeek = hoursPerWeek
        self.jobType = jobType
        self.positions = positions
        self.filled = filled
        self.withdrawn = withdrawn
    }

    /// Positions not yet filled.
    public var openPositions: Int { Swift.max(0, positions - filled) }
}

/// An opening id as text (lowercase UUID), so the pure core needs no Foundation.
public typealias UUIDString = String
