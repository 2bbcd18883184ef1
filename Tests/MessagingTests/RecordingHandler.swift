import BodyReading
import Foundation
import Messaging
import PostgresClient

/// A handler for tests: records each message's effect in `effects`, emits `<prefix>.pong`, rejects
/// bodies `bad` (subject `bad-subject`, `$ bad`), throws for bodies `boom`, and has the database fail on bodies starting `cast:`
/// (it reads the body as an integer, and PostgreSQL's error message quotes the text).
struct RecordingHandler: SingleMessageHandler {
    let prefix: String
    var routingKeys: [String] { ["\(prefix).ping"] }
    static let badBody = FieldError(field: "$", code: FieldError.Code("bad"), message: "body is bad")

    struct Boom: Error {}
    struct Pong: Codable, Equatable { var body: String }

    static let migration = "CREATE TABLE effects (message_id uuid NOT NULL, body text NOT NULL)"

    func handle(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult {
        let body = String(decoding: envelope.body, as: UTF8.self)
        switch body {
        case "bad":
            return .rejected(Rejection(subject: "bad-subject", errors: [Self.badBody]))
        case "boom":
            try connection.execute("INSERT INTO effects (message_id, body) VALUES ($1, $2)", [envelope.messageID, body])
            throw Boom()
        case _ where body.hasPrefix("cast:"):
            try connection.execute("INSERT INTO effects (message_id, body) SELECT $1, $2::integer::text", [envelope.messageID, body])
            return .handled(events: [])
        default:
            try connection.execute("INSERT INTO effects (message_id, body) VALUES ($1, $2)", [envelope.messageID, body])
            return .handled(events: [
                try OutboxEvent(type: "\(prefix).pong", payload: Pong(body: body), producer: "test", cause: envelope),
            ])
        }
    }
}
