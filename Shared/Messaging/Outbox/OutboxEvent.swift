import Foundation
import JSON

/// An event a handler emits. It is written to the service's outbox in the transaction of the state
/// change and published by the ``OutboxRelay`` after commit.
public struct OutboxEvent: Sendable, Equatable {
    public var envelope: Envelope

    /// - Parameters:
    ///   - type: the routing key, e.g. `opening.registered`.
    ///   - payload: the JSON body.
    ///   - cause: the envelope being handled: its correlation id is carried on and its message id
    ///     becomes the causation id.
    public init<Payload: Encodable>(
        type: String, payload: Payload, producer: String, cause: Envelope? = nil, schemaVersion: Int = 1
    ) throws {
        envelope = Envelope(
            type: type, correlationID: cause?.correlationID,
            causationID: cause?.messageID.uuidString.lowercased(), producer: producer,
            schemaVersion: schemaVersion, body: try JSONCoding.encoder.encode(payload)
        )
    }
}
