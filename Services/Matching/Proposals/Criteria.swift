import Chronology
import Contracts
import Domain

/// The weighted criteria: each scores a person 0–100 for an opening and says why.
public enum Criteria {
    /// Months out of work at which ``timeOutOfWork(_:today:)`` reaches 100.
    public static let fullUnemploymentMonths = 36

    /// Every criterion for `candidate` and `opening`, in ``MatchingWeights/criteria`` order.
    public static func score(_ candidate: Candidate, for opening: MatchOpening, today: CivilDate, weights: MatchingWeights) -> [CriterionScore] {
        [
            tasks(candidate, opening), categoryPreference(candidate, opening), hoursFit(candidate, opening),
            homeMunicipality(candidate, opening), timeOutOfWork(candidate, today: today),
        ].map { name, score, explanation in
            CriterionScore(criterion: name, weight: weights[name], score: score, explanation: explanation)
        }
    }

    /// Σ weight × score over the criteria: ``score(_:for:today:weights:)``'s weighted sum without
    /// writing the explanations, for ranking thousands of people of whom only the top N are shown.
    public static func weightedSum(_ candidate: Candidate, for opening: MatchOpening, today: CivilDate, weights: MatchingWeights) -> Int {
        weights.tasks * tasksScore(candidate, opening)
            + weights.categoryPreference * categoryPreferenceScore(candidate, opening)
            + weights.hoursFit * hoursFitScore(candidate, opening)
            + weights.homeMunicipality * (candidate.homeMunicipality == opening.municipality ? 100 : 0)
            + weights.timeOutOfWork * timeOutOfWorkScore(candidate, today: today)
    }

    /// The opening's tasks the person lists.
    private static func sharedTasks(_ candidate: Candidate, _ opening: MatchOpening) -> [JobTask] {
        opening.tasks.filter(candidate.tasks.contains)
    }

    private static func tasksScore(_ candidate: Candidate, _ opening: MatchOpening) -> Int {
        guard !opening.tasks.isEmpty else { return 100 }
        return (sharedTasks(candidate, opening).count * 200 + opening.tasks.count) / (2 * opening.tasks.count)
    }

    private static func categoryPreferenceScore(_ candidate: Candidate, _ opening: MatchOpening) -> Int {
        candidate.categories.firstIndex(of: opening.category).map { max(0, 100 - 20 * $0) } ?? 0
    }

    private static func hoursFitScore(_ candidate: Candidate, _ opening: MatchOpening) -> Int {
        let hours = opening.hoursPerWeek
        let (low, high) = (candidate.hours.min.tenths, candidate.hours.max.tenths)
        guard candidate.hours.contains(hours) else { return 0 }
        guard high > low else { return 100 }
        let distance = abs(2 * hours.tenths - (low + high))  // from the middle, doubled
        return 100 - (50 * distance + (high - low) / 2) / (high - low)
    }

    private static func timeOutOfWorkScore(_ candidate: Candidate, today: CivilDate) -> Int {
        min(100, monthsBetween(candidate.unemployedSince, today) * 100 / fullUnemploymentMonths)
    }

    /// The share of the opening's tasks the person lists (known tasks by code, free text as written).
    static func tasks(_ candidate: Candidate, _ opening: MatchOpening) -> (String, Int, String) {
        guard !opening.tasks.isEmpty else { return ("tasks", 100, "the opening lists no tasks") }
        let shared = sharedTasks(candidate, opening)
        let score = tasksScore(candidate, opening)
        let listed = shared.isEmpty ? "" : ": " + shared.map(\.description).joined(separator: ", ")
        return ("tasks", score, "lists \(shared.count) of the opening's \(opening.tasks.count) task(s)\(listed)")
    }

    /// 100 for the person's first choice, 20 less for each place further down (0 from the sixth).
    static func categoryPreference(_ candidate: Candidate, _ opening: MatchOpening) -> (String, Int, String) {
        guard let index = candidate.categories.firstIndex(of: opening.category) else {
            return ("category-preference", 0, "\(opening.category.danishLabel) is not among the wanted categories")
        }
        return ("category-preference", categoryPreferenceScore(candidate, opening),
                "\(opening.category.danishLabel) is choice \(index + 1) of \(candidate.categories.count)")
    }

    /// 100 when the opening's hours are in the middle of the wanted range, 50 at its ends, 0 outside.
    static func hoursFit(_ candidate: Candidate, _ opening: MatchOpening) -> (String, Int, String) {
        let hours = opening.hoursPerWeek
        let (low, high) = (candidate.hours.min.tenths, candidate.hours.max.tenths)
        let text = "the opening's \(hours) hours against the wanted \(candidate.hours)"
        let score = hoursFitScore(candidate, opening)
        guard candidate.hours.contains(hours) else { return ("hours-fit", score, text + ": outside") }
        guard high > low else { return ("hours-fit", score, text + ": exactly") }
        return ("hours-fit", score, text + (2 * hours.tenths == low + high ? ": in the middle" : ""))
    }

    /// 100 when the opening is in the person's home municipality, 0 otherwise.
    static func homeMunicipality(_ candidate: Candidate, _ opening: MatchOpening) -> (String, Int, String) {
        candidate.homeMunicipality == opening.municipality
            ? ("home-municipality", 100, "the job is in the home municipality, \(HardRules.name(opening.municipality))")
            : ("home-municipality", 0, "the job is in \(HardRules.name(opening.municipality)), not the home municipality")
    }

    /// Whole months out of work, scaled so that ``fullUnemploymentMonths`` or more is 100.
    static func timeOutOfWork(_ candidate: Candidate, today: CivilDate) -> (String, Int, String) {
        let months = monthsBetween(candidate.unemployedSince, today)
        return ("time-out-of-work", timeOutOfWorkScore(candidate, today: today), "out of work for \(months) month(s), since \(candidate.unemployedSince)")
    }

    /// Whole months from `start` to `end`, 0 when `end` is earlier.
    static func monthsBetween(_ start: CivilDate, _ end: CivilDate) -> Int {
        let months = (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day ? 1 : 0)
        return max(0, months)
    }
}
