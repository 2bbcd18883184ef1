import Chronology
import Domain
import Foundation
import Matching

/// Synthetic profiles and openings. Every CPR number here is fictitious: made up to pass the format
/// rules, belonging to nobody we know of.
enum Fixtures {
    static let today = CivilDate(year: 2026, month: 12, day: 4)!
    /// Noon in Copenhagen on ``today``: when the profiles are read.
    static let now = Copenhagen.instant(on: today, hour: 12, minute: 0)

    static func profileFields(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "candidateId": "c-1",
            "jobcenter": "Horsens",
            "cpr": "150385-1234",
            "homeMunicipality": "615",
            "workMunicipalities": ["615", "Hedensted"],
            "categories": ["kitchen-cleaning", "Butik"],
            "tasks": ["Opvask", "Rengøring"],
            "hoursPerWeek": ["min": 5, "max": 15],
            "unemployedSince": "2024-06-01",
            "submittedAt": "2026-12-01T10:00:00+01:00",
        ]
        for (key, value) in overrides { fields[key] = value is NSNull ? nil : value }
        return fields
    }

    static func body(_ fields: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
    }

    static func profile(_ overrides: [String: Any] = [:]) -> CandidateProfile {
        try! ProfileReader.read(body(profileFields(overrides)), readAt: now).get()
    }

    static func candidate(_ id: String = "c-1", _ overrides: [String: Any] = [:]) -> Candidate {
        profile(overrides.merging(["candidateId": id]) { $1 }).candidate()
    }

    static func opening(
        id: String = "00000000-0000-0000-0000-000000000001", municipality: String = "615",
        category: JobCategory = .kitchenCleaning, tasks: [String] = ["Opvask", "Anrette/fjerne frokost"],
        hours: Int = 75, jobType: JobType = .smajob, positions: Int = 1, filled: Int = 0, withdrawn: Bool = false
    ) -> MatchOpening {
        MatchOpening(
            openingId: id, municipality: municipality, category: category, tasks: tasks.map(JobTask.normalise),
            hoursPerWeek: HoursPerWeek(tenths: hours)!, jobType: jobType, positions: positions, filled: filled,
            withdrawn: withdrawn)
    }
}
