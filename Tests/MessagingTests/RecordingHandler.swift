import Foundation
import Messaging
import PostgresClient

/// A handler for tests: records each message's effect in `effects`, emits `<prefix>.pong`, rejects
/// bodies `bad` and throws for bodies `boom`.
struct RecordingHandler: SingleMessageHandler {
    let prefix: String
    var routingKeys: [String] { ["\(prefix).ping"] }

    struct Boom: Error {}
    struct Pong: Codable, Equatable { var body: String }

    static let migration = "CREATE TABLE effects (message_id uuid NOT NULL, body text NOT NULL)"

    func handle(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult {
        let body = String(decoding: envelope.body, as: UTF8.self)
        switch body {
        case "bad":
            return .rejected(reason: "body is bad", events: [])
        case "boom":
            try connection.execute("INSERT INTO effects (message_id, body) VALUES ($1, $2)", [envelope.messageID, body])
            throw Boom()
        default:
            try connection.execute("INSERT INTO effects (message_id, body) VALUES ($1, $2)", [envelope.messageID, body])
            return .handled(events: [
                try OutboxEvent(type: "\(prefix).pong", payload: Pong(body: body), producer: "test", cause: envelope),
            ])
        }
    }
}
