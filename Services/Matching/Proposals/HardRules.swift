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

    /// One hard rule: whether it passes, and why in words.
    enum Rule: String, CaseIterable {
        case category, municipality, hours, jobType = "job-type", available, freeSlot = "free-slot", openingOpen = "opening-open"

        func passes(_ candidate: Candidate, _ opening: MatchOpening, latestStart: CivilDate) -> Bool {
            switch self {
            case .category: candidate.categories.contains(opening.category)
            case .municipality: candidate.workMunicipalities.contains(opening.municipality)
            case .hours: candidate.hours.contains(opening.hoursPerWeek)
            case .jobType: candidate.jobTypes.contains(opening.jobType)
            case .available: candidate.availableFrom <= latestStart
            case .freeSlot: candidate.activePlacements < candidate.maxJobs
            case .openingOpen: !opening.withdrawn && opening.filled < opening.positions
            }
        }

        func explanation(_ candidate: Candidate, _ opening: MatchOpening, passed: Bool) -> String {
            switch self {
            case .category:
                let name = opening.category.danishLabel
                return passed ? "wants work in \(name)" : "does not list \(name) among the wanted categories"
            case .municipality:
                let name = HardRules.name(opening.municipality)
                return passed ? "can get to \(name)" : "cannot get to \(name) (not among the work municipalities)"
            case .hours:
                return "the opening's \(opening.hoursPerWeek) hours a week are \(passed ? "within" : "outside") the wanted \(candidate.hours) hours"
            case .jobType:
                return passed ? "accepts \(opening.jobType.danishLabel)" : "does not accept \(opening.jobType.danishLabel)"
            case .available:
                return passed
                    ? "available from \(candidate.availableFrom), within \(availabilityWindowDays) days"
                    : "not available before \(candidate.availableFrom), more than \(availabilityWindowDays) days ahead"
            case .freeSlot:
                return "has \(candidate.activePlacements) of at most \(candidate.maxJobs) småjob(s)"
            case .openingOpen:
                return opening.withdrawn ? "the opening was withdrawn" : "\(opening.filled) of \(opening.positions) position(s) filled"
            }
        }
    }

    /// Every rule, in this order: category, municipality, hours, job-type, available, free-slot,
    /// opening-open.
    public static func evaluate(_ candidate: Candidate, for opening: MatchOpening, today: CivilDate) -> [RuleResult] {
        let latestStart = today.advanced(by: availabilityWindowDays)
        return Rule.allCases.map { rule in
            let passed = rule.passes(candidate, opening, latestStart: latestStart)
            return RuleResult(rule: rule.rawValue, passed: passed, explanation: rule.explanation(candidate, opening, passed: passed))
        }
    }

    /// Whether every rule passes (the same as ``evaluate(_:for:today:)`` all passing, without the texts).
    public static func allPass(_ candidate: Candidate, for opening: MatchOpening, today: CivilDate) -> Bool {
        let latestStart = today.advanced(by: availabilityWindowDays)
        return Rule.allCases.allSatisfy { $0.passes(candidate, opening, latestStart: latestStart) }
    }

    static func name(_ code: String) -> String {
        Municipalities.denmark.municipality(code: code)?.name ?? code
    }
}
