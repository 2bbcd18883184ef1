import BodyReading
import Contracts
import Foundation
import PostgresClient

/// What the kit writes when a handler refuses a message (``HandlingResult/rejected(_:)``), inside
/// the batch's transaction: the refusal in the inbox, the message in `rejected_messages`
/// (``RejectedMessageStore``; the body sealed if the ``RejectionPolicy`` says so), and the
/// `*.rejected` event that answers the sender: a jobcenter's in its own queue (the event's
/// `municipality` is the sender's). The dead letter follows after the commit.
struct RejectionRecorder: Sendable {
    var service: String
    var policy: RejectionPolicy
    var clock: @Sendable () -> Date = Date.init

    struct Recorded {
        var statements: [PostgresStatement]
        var event: OutboxEvent?
    }

    func record(_ rejection: Rejection, of envelope: Envelope) throws -> Recorded {
        let now = clock()
        let body: RejectedMessageStore.Body = try policy.sealer.map { .sealed(try $0.seal(envelope.body)) } ?? .plain(envelope.body)
        let statements = [
            Inbox.rejectStatement(envelope.messageID, reason: rejection.description),
            try RejectedMessageStore.insert(envelope, rejection, body: body, at: now),
        ]
        let event = try policy.announcements[envelope.type].map { announcement in
            try OutboxEvent(
                type: announcement.event,
                payload: RejectedPayload(
                    messageId: envelope.messageID, routingKey: envelope.type, rejection: rejection, receivedAt: now,
                    subjectField: announcement.subjectField),
                producer: service, cause: envelope, municipality: envelope.sender?.kommunekode)
        }
        return Recorded(statements: statements, event: event)
    }
}
