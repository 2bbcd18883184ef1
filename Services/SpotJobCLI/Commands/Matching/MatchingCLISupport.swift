import ArgumentParser
import Chronology
import Domain
import Foundation
import Matching
import PersonalData

/// What matching's commands share: the CPR keys and weights from the same variables the service
/// reads, and municipality lookup.
enum MatchingCLI {
    /// Matching's settings from the environment (CPR keys required).
    static func settings() throws -> MatchingSettings {
        do {
            return try MatchingSettings(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error) (the CPR keys: CPR_ENCRYPTION_KEY[_FILE] and CPR_INDEX_KEY[_FILE], as the matching service has them)")
        }
    }

    /// The kommunekode of a code or name.
    static func municipality(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard let found = Municipalities.denmark.resolve(text) else { throw ValidationError("unknown municipality \(text)") }
        return found.code
    }

    static var today: CivilDate { Copenhagen.date(at: Date()) ?? .earliest }

    static func uuid(_ text: String, _ option: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw ValidationError("\(option) must be a UUID") }
        return id
    }
}
