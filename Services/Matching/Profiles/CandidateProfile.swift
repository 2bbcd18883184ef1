import Chronology
import Domain
import Foundation

/// A `candidate.profiled` body that passed ``ProfileReader/read(_:readAt:)``: every field checked and
/// normalised, defaults filled in.
///
/// It holds the CPR number, which is stored only encrypted; scoring never sees it (see
/// ``Candidate``, made by ``candidate``).
public struct CandidateProfile: Sendable, Hashable {
    /// The jobcenter's id for the person, 1–64 characters; the idempotency key.
    public let candidateId: String
    /// From 1; a higher revision replaces the profile.
    public let revision: Int
    /// The responsible jobcenter.
    public let jobcenter: Municipality
    public let cpr: CPR
    public let homeMunicipality: Municipality
    /// Where the person can get to; the home municipality unless the profile says otherwise.
    public let workMunicipalities: [Municipality]
    /// In order of preference, each once, 1–6.
    public let categories: [JobCategory]
    /// Tasks the person can and wants to do, normalised like a sheet's, 0–30.
    public let tasks: [JobTask]
    public let hours: HoursRange
    public let jobTypes: [JobType]
    /// 1–3.
    public let maxJobs: Int
    public let unemployedSince: CivilDate
    public let availableFrom: CivilDate
    /// For consultants only: never scored, never in an event.
    public let note: String?
    public let submittedAt: Date

    public init(
        candidateId: String, revision: Int, jobcenter: Municipality, cpr: CPR, homeMunicipality: Municipality,
        workMunicipalities: [Municipality], categories: [JobCategory], tasks: [JobTask], hours: HoursRange,
        jobTypes: [JobType], maxJobs: Int, unemployedSince: CivilDate, availableFrom: CivilDate, note: String?,
        submittedAt: Date
    ) {
        self.candidateId = candidateId
        self.revision = revision
        self.jobcenter = jobcenter
        self.cpr = cpr
        self.homeMunicipality = homeMunicipality
        self.workMunicipalities = workMunicipalities
        self.categories = categories
        self.tasks = tasks
        self.hours = hours
        self.jobTypes = jobTypes
        self.maxJobs = maxJobs
        self.unemployedSince = unemployedSince
        self.availableFrom = availableFrom
        self.note = note
        self.submittedAt = submittedAt
    }

    /// What scoring may see of the person: no CPR number (so no age or sex), no note.
    public func candidate(activePlacements: Int = 0) -> Candidate {
        Candidate(
            candidateId: candidateId, jobcenter: jobcenter.code, homeMunicipality: homeMunicipality.code,
            workMunicipalities: workMunicipalities.map(\.code), categories: categories, tasks: tasks, hours: hours,
            jobTypes: jobTypes, maxJobs: maxJobs, activePlacements: activePlacements,
            unemployedSince: unemployedSince, availableFrom: availableFrom)
    }
}

/// The hours a week a person wants: `min` ≤ `max`.
public struct HoursRange: Sendable, Hashable, Codable {
    public let min: HoursPerWeek
    public let max: HoursPerWeek

    public init?(min: HoursPerWeek, max: HoursPerWeek) {
        guard min <= max else { return nil }
        self.min = min
        self.max = max
    }

    public func contains(_ hours: HoursPerWeek) -> Bool { min <= hours && hours <= max }
}

extension HoursRange: CustomStringConvertible {
    public var description: String { min == max ? "\(min)" : "\(min)–\(max)" }
}
