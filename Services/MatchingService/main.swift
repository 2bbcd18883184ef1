import Contracts
import Matching
import Messaging
import ServiceRuntime

// The matching service: candidate profiles and openings in, explained proposals and placements out.
// Refuses to start without CPR keys (`CPR_ENCRYPTION_KEY[_FILE]`, `CPR_INDEX_KEY[_FILE]`); a refused
// message's body is kept and dead-lettered only sealed, as a profile holds a CPR number.
await ServiceMain.run { environment in
    let settings = try MatchingSettings(environment: environment)
    return ServiceDeclaration(
        name: MatchingEvents.service,
        consumes: MatchingEvents.consumed,
        handler: MatchingHandler(settings: settings),
        rejections: RejectionPolicy(sealer: settings.rawBodySealer)
            .announcing(MatchingEvents.candidateRejected, subjectField: .candidateId, for: MatchingEvents.candidateKeys)
            .announcing(MatchingEvents.placementRejected, subjectField: .placementId, for: MatchingEvents.placementKeys))
    .keepingJobcenterGrants()
}
