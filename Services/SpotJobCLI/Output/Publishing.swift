import AMQPClient
import Foundation
import JSON
import Messaging

/// Publishes messages as an outside system would, and says what was sent.
enum Publishing {
    /// Publishes `bodies` as `type` as `user` and waits for the broker's confirm of all of them.
    static func publish(_ type: String, bodies: [[UInt8]], as user: BrokerOptions.User, broker: BrokerOptions) async throws -> [Envelope] {
        try await publish(type, bodies: bodies.map { (user, $0) }, broker: broker)
    }

    /// Publishes each body as `type` as its own sender (one connection per sender), and waits for
    /// the broker's confirm of all of them; the envelopes in the order of `bodies`.
    static func publish(_ type: String, bodies: [(sender: BrokerOptions.User, body: [UInt8])], broker: BrokerOptions) async throws -> [Envelope] {
        let envelopes = bodies.map { Envelope(type: type, producer: "spotjob-cli", body: $0.body) }
        var senders: [BrokerOptions.User] = []
        for (sender, _) in bodies where !senders.contains(sender) { senders.append(sender) }
        for sender in senders {
            let publisher = try broker.publisher(as: sender)
            defer { Task { await publisher.close() } }
            try await publisher.publish(zip(bodies, envelopes).filter { $0.0.sender == sender }.map { $0.1.outgoing(exchange: SpotJobTopology.exchange) })
        }
        return envelopes
    }

    /// Publishes one message body as `type` as `user` and says so.
    static func publish(_ type: String, _ body: some Encodable, as user: BrokerOptions.User, broker: BrokerOptions) async throws {
        let envelope = try await publish(type, bodies: [try JSONCoding.encoder.encode(body)], as: user, broker: broker)[0]
        print("sent \(type) as message \(envelope.messageID.uuidString.lowercased()) (confirmed by the broker)")
    }
}
