import Chronology
import Domain

/// The result of one hard rule for one person and one opening.
public struct RuleResult: Sendable, Hashable, Codable {
    /// `category`, `municipality`, `hours`, `job-type`, `available`, `free-slot`, `opening-open`.
    public var rule: String
    public var passed: Bool
    public var explanation: String
}

/// The hard rules: a person failing any one is not proposed for the opening.
public enum HardRules {
    /// How many days ahead a person must be available: 14.
    public static let availabilityWindowDays = 14

    /// Every rule, in this order: category, municipality, hours, job-type, available, free-slot,
    /// opening-open.
    public static func evaluate(_ candidate: Candidate, for opening: MatchOpening, today: CivilDate) -> [RuleResult] {
        let categoryName = opening.category.danishLabel
        let municipality = name(opening.municipality)
        let latestStart = today.advanced(by: availabilityWindowDays)
        return [
            RuleResult(
                rule: "category", passed: candidate.categories.contains(opening.category),
                explanation: candidate.categories.contains(opening.category)
                    ? "wants work in \(categoryName)" : "does not list \(categoryName) among the wanted categories"),
            RuleResult(
                rule: "municipality", passed: candidate.workMunicipalities.contains(opening.municipality),
                explanation: candidate.workMunicipalities.contains(opening.municipality)
                    ? "can get to \(municipality)" : "cannot get to \(municipality) (not among the work municipalities)"),
            RuleResult(
                rule: "hours", passed: candidate.hours.contains(opening.hoursPerWeek),
                explanation: "the opening's \(opening.hoursPerWeek) hours a week are "
                    + (candidate.hours.contains(opening.hoursPerWeek) ? "within" : "outside")
                    + " the wanted \(candidate.hours) hours"),
            RuleResult(
                rule: "job-type", passed: candidate.jobTypes.contains(opening.jobType),
                explanation: candidate.jobTypes.contains(opening.jobType)
                    ? "accepts \(opening.jobType.danishLabel)" : "does not accept \(opening.jobType.danishLabel)"),
            RuleResult(
                rule: "available", passed: candidate.availableFrom <= latestStart,
                explanation: candidate.availableFrom <= latestStart
                    ? "available from \(candidate.availableFrom), within \(availabilityWindowDays) days"
                    : "not available before \(candidate.availableFrom), more than \(availabilityWindowDays) days ahead"),
            RuleResult(
                rule: "free-slot", passed: candidate.activePlacements < candidate.maxJobs,
                explanation: "has \(candidate.activePlacements) of at most \(candidate.maxJobs) småjob(s)"),
            RuleResult(
                rule: "opening-open", passed: !opening.withdrawn && opening.filled < opening.positions,
                explanation: opening.withdrawn
                    ? "the opening was withdrawn"
                    : "\(opening.filled) of \(opening.positions) position(s) filled"),
        ]
    }

    /// Whether every rule passes (the same as ``evaluate(_:for:today:)`` all passing, without the texts).
    public static func allPass(_ candidate: Candidate, for opening: MatchOpening, today: CivilDate) -> Bool {
        candidate.categories.contains(opening.category)
            && candidate.workMunicipalities.contains(opening.municipality)
            && candidate.hours.contains(opening.hoursPerWeek)
            && candidate.jobTypes.contains(opening.jobType)
            && candidate.availableFrom <= today.advanced(by: availabilityWindowDays)
            && candidate.activePlacements < candidate.maxJobs
            && !opening.withdrawn && opening.filled < opening.positions
    }

    static func name(_ code: String) -> String {
        Municipalities.denmark.municipality(code: code)?.name ?? code
    }
}
