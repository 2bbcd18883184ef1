import AMQPClient
import Foundation
import JSON
import Messaging

/// Publishes one message as an outside system would, and says what was sent.
enum Publishing {
    static func publish(_ type: String, _ body: some Encodable, as user: BrokerOptions.User, broker: BrokerOptions) async throws {
        let envelope = Envelope(type: type, producer: "spotjob-cli", body: try JSONCoding.encoder.encode(body))
        let publisher = try broker.publisher(as: user)
        defer { Task { await publisher.close() } }
        try await publisher.publish(envelope.outgoing(exchange: SpotJobTopology.exchange))
        print("sent \(type) as message \(envelope.messageID.uuidString.lowercased()) (confirmed by the broker)")
    }
}
