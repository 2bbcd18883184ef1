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
    ///   - municipality: the kommunekode the event concerns, whose jobcenter receives it in its queue.
    public init<Payload: Encodable>(
        type: String, payload: Payload, producer: String, cause: Envelope? = nil, schemaVersion: Int = 1,
        municipality: String? = nil
    ) throws {
        envelope = Envelope(
            type: type, correlationID: cause?.correlationID,
            causationID: cause?.messageID.uuidString.lowercased(), producer: producer,
            schemaVersion: schemaVersion, municipality: municipality, body: try JSONCoding.encoder.encode(payload)
        )
    }
}
