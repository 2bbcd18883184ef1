import ArgumentParser
import Chronology
import Domain
import Foundation
import Matching
import PersonalData

/// What matching's commands share: the CPR keys and weights from the same variables the service reads.
enum MatchingCLI {
    /// Matching's settings from the environment (CPR keys required).
    static func settings() throws -> MatchingSettings {
        do {
            return try MatchingSettings(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error) (the CPR keys: CPR_ENCRYPTION_KEY[_FILE] and CPR_INDEX_KEY[_FILE], as the matching service has them)")
        }
    }

    static var today: CivilDate { Copenhagen.date(at: Date()) ?? .earliest }
}
