import Foundation

/// `FOLLOWUP_CONTACT_WORKING_DAYS` (default 2), `FOLLOWUP_CHECKIN_DAYS` (default `7,28,91`) and
/// `FOLLOWUP_CONTACT_RETENTION_DAYS` (default 90).
extension FollowupCalendar {
    public init(environment: [String: String]) throws(FollowupConfigurationError) {
        var contactWorkingDays = 2
        if let text = environment["FOLLOWUP_CONTACT_WORKING_DAYS"] {
            guard let days = Int(text), (1...20).contains(days) else {
                throw .invalid("FOLLOWUP_CONTACT_WORKING_DAYS", "expected a whole number of working days from 1 to 20")
            }
            contactWorkingDays = days
        }
        var checkinDays = [7, 28, 91]
        if let text = environment["FOLLOWUP_CHECKIN_DAYS"] {
            let days = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !days.isEmpty, days.allSatisfy({ $0 != nil && (1...3650).contains($0!) }),
                  days.compactMap({ $0 }) == days.compactMap({ $0 }).sorted()
            else { throw .invalid("FOLLOWUP_CHECKIN_DAYS", "expected days after the start, ascending, e.g. 7,28,91") }
            checkinDays = days.compactMap { $0 }
        }
        var contactRetentionDays = 90
        if let text = environment["FOLLOWUP_CONTACT_RETENTION_DAYS"] {
            guard let days = Int(text), (1...3650).contains(days) else {
                throw .invalid("FOLLOWUP_CONTACT_RETENTION_DAYS", "expected a whole number of days from 1 to 3650")
            }
            contactRetentionDays = days
        }
        self.init(contactWorkingDays: contactWorkingDays, checkinDays: checkinDays, contactRetentionDays: contactRetentionDays)
    }
}

/// A followup setting that is not valid; names the variable, never quotes its value.
public enum FollowupConfigurationError: Error, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let name, let why): "the environment variable \(name) is invalid: \(why)"
        }
    }
}
