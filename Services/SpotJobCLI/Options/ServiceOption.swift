import ArgumentParser
import Contracts
import Messaging

/// `--service NAME`: one of the services, for the operator commands every service answers alike.
struct ServiceOption: ParsableArguments {
    static let services = [IntakeEvents.service, MatchingEvents.service, FollowupEvents.service, BillingEvents.service]

    @Option(help: "The service: intake, matching, followup or billing.")
    var service: String

    func validate() throws {
        guard Self.services.contains(service) else {
            throw ValidationError("--service must be one of \(Self.services.joined(separator: ", "))")
        }
    }

    /// What opens the service's sealed bodies (matching's: the CPR keys from the environment), or
    /// `nil` for a service that keeps bodies as received.
    func sealer() throws -> (any BodySealer)? {
        service == MatchingEvents.service ? try MatchingCLI.settings().rawBodySealer : nil
    }
}
