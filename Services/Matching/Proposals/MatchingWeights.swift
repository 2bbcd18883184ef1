import Foundation

/// The weights of the criteria, whole numbers from 0; configurable with `MATCHING_WEIGHTS`
/// (`tasks=35,category-preference=20,hours-fit=15,home-municipality=10,time-out-of-work=20`, any
/// subset; the rest keep their defaults).
public struct MatchingWeights: Sendable, Hashable {
    public var tasks = 35
    public var categoryPreference = 20
    public var hoursFit = 15
    public var homeMunicipality = 10
    public var timeOutOfWork = 20

    public init() {}

    /// The version of the rules and criteria; bumped whenever their meaning changes.
    public static let modelVersion = "matching-1"

    /// The criteria's names, in the order of every explanation.
    public static let criteria = ["tasks", "category-preference", "hours-fit", "home-municipality", "time-out-of-work"]

    /// The weight of `criterion` (one of ``criteria``).
    public subscript(criterion: String) -> Int {
        get {
            switch criterion {
            case "tasks": tasks
            case "category-preference": categoryPreference
            case "hours-fit": hoursFit
            case "home-municipality": homeMunicipality
            default: timeOutOfWork
            }
        }
        set {
            switch criterion {
            case "tasks": tasks = newValue
            case "category-preference": categoryPreference = newValue
            case "hours-fit": hoursFit = newValue
            case "home-municipality": homeMunicipality = newValue
            default: timeOutOfWork = newValue
            }
        }
    }

    public var total: Int { Self.criteria.reduce(0) { $0 + self[$1] } }

    /// `matching-1 tasks=35,category-preference=20,…`: stored and published with every proposal.
    public var model: String {
        Self.modelVersion + " " + Self.criteria.map { "\($0)=\(self[$0])" }.joined(separator: ",")
    }

    /// Reads `MATCHING_WEIGHTS`.
    public init(parsing text: String) throws(MatchingSettingsError) {
        self.init()
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, Self.criteria.contains(parts[0]), let weight = Int(parts[1]), (0...1000).contains(weight) else {
                throw .invalid("MATCHING_WEIGHTS", "expected criterion=weight pairs (0-1000) separated by commas, criteria: \(Self.criteria.joined(separator: ", "))")
            }
            self[parts[0]] = weight
        }
        guard total > 0 else { throw .invalid("MATCHING_WEIGHTS", "at least one weight must be above 0") }
    }
}

/// A setting of matching's environment is not valid.
public enum MatchingSettingsError: Error, Sendable, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let variable, let rule): "\(variable): \(rule)"
        }
    }
}
