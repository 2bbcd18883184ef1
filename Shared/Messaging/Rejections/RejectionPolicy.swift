import Contracts

/// What the service kit does with a message its handler refuses, beyond what it does for every
/// service (keep it in `rejected_messages` with every error, record the refusal in the inbox,
/// dead-letter it): which `*.rejected` event answers the sender, and whether raw bodies are kept
/// only sealed. Part of a service's declaration.
public struct RejectionPolicy: Sendable {
    /// The event that answers a refusal, and the older field it also names the subject in.
    public struct Announcement: Sendable, Hashable {
        /// The event's routing key, e.g. `sheet.rejected`.
        public var event: String
        public var subjectField: RejectedPayload.SubjectField

        public init(event: String, subjectField: RejectedPayload.SubjectField) {
            self.event = event
            self.subjectField = subjectField
        }
    }

    /// By the routing key of the refused message; a key without one is refused silently to its
    /// sender (matching refuses intake's openings without an event: intake did not ask).
    public var announcements: [String: Announcement]
    /// Seals raw bodies at rest and in dead letters; `nil` keeps them as received.
    public var sealer: (any BodySealer)?

    /// Announces nothing; seals raw bodies with `sealer` if given.
    public init(sealer: (any BodySealer)? = nil) {
        announcements = [:]
        self.sealer = sealer
    }

    /// This policy, answering refusals of every key of `keys` with `event`.
    public func announcing(_ event: String, subjectField: RejectedPayload.SubjectField, for keys: [String]) -> RejectionPolicy {
        var policy = self
        for key in keys { policy.announcements[key] = Announcement(event: event, subjectField: subjectField) }
        return policy
    }
}
