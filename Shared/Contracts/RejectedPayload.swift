import BodyReading
import Foundation

/// The body of every `*.rejected` event (`sheet.rejected`, `candidate.rejected`,
/// `placement.rejected`, `followup.rejected`, `billing.rejected`): which message was refused, what
/// it is about and every problem found, so the sender can fix them all at once. Never a value of
/// the message (a CPR number, a phone number): fields and codes only.
///
/// The service kit writes it (`Messaging`'s `RejectionRecorder`); the fields after ``receivedAt``
/// are the names each event gave its subject before the common ``subject`` and are kept for the
/// systems that read them.
public struct RejectedPayload: Codable, Sendable, Equatable {
    /// The refused message's id: its row in the service's `rejected_messages` and its copy in
    /// `<service>.dead`.
    public var messageId: UUID
    /// Its routing key (= its type).
    public var routingKey: String
    /// The id of what it is about (a sheet, candidate, placement or contract), when readable.
    public var subject: String?
    public var errors: [FieldError]
    public var receivedAt: Date

    /// `sheet.rejected`: the subject.
    public var sheetId: String?
    /// `candidate.rejected`: the subject; `placement.rejected`: the placement's candidate.
    public var candidateId: String?
    /// `placement.rejected`: the subject.
    public var placementId: String?
    /// `placement.rejected`: the placement's opening.
    public var openingId: UUID?
    /// `billing.rejected`: the subject.
    public var contractId: String?
    /// `billing.rejected`: the routing key.
    public var messageType: String?

    /// Which of the older fields an event also gives its subject in.
    public enum SubjectField: Sendable, Hashable {
        case sheetId, candidateId, placementId, contractId
        /// Only ``RejectedPayload/subject`` (`followup.rejected`).
        case subjectOnly
    }

    public init(messageId: UUID, routingKey: String, rejection: Rejection, receivedAt: Date, subjectField: SubjectField) {
        self.messageId = messageId
        self.routingKey = routingKey
        subject = rejection.subject
        errors = rejection.errors
        self.receivedAt = receivedAt
        candidateId = rejection.candidateId
        openingId = rejection.openingId
        switch subjectField {
        case .sheetId: sheetId = rejection.subject
        case .candidateId: candidateId = rejection.subject
        case .placementId: placementId = rejection.subject
        case .contractId:
            contractId = rejection.subject
            messageType = routingKey
        case .subjectOnly: break
        }
    }
}
