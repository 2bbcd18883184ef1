import Foundation
import JSON
import PostgresClient

/// A timer to schedule: at `dueAt`, the service's ``TimerHandler`` fires it with its payload.
/// Scheduling the same `kind` and `key` again replaces it.
public struct ScheduledTimer: Sendable, Hashable {
    /// What the timer is for, e.g. `followup.contact-reminder`; the handler branches on it.
    public var kind: String
    /// Which one, unique within the kind, e.g. an opening id.
    public var key: String
    /// When it is due (stored in UTC, to the microsecond).
    public var dueAt: Date
    /// What the handler needs to fire it.
    public var payload: PostgresJSON

    public init(kind: String, key: String, dueAt: Date, payload: PostgresJSON = PostgresJSON("{}")) {
        self.kind = kind
        self.key = key
        self.dueAt = dueAt
        self.payload = payload
    }

    /// A timer whose payload is `payload` encoded as JSON (like event bodies).
    public init(kind: String, key: String, dueAt: Date, encoding payload: some Encodable) throws {
        self.init(kind: kind, key: key, dueAt: dueAt, payload: PostgresJSON(bytes: try JSONCoding.encoder.encode(payload)))
    }
}

/// A timer that came due and is being fired (see ``TimerHandler/fire(_:on:)``).
public struct DueTimer: Sendable, Hashable {
    /// The timer's row id (what `spotjob timers rearm` takes).
    public var id: Int64
    public var kind: String
    public var key: String
    /// When it was due, as scheduled.
    public var dueAt: Date
    public var payload: PostgresJSON
    /// Failed firings before this one.
    public var attempts: Int

    public init(id: Int64, kind: String, key: String, dueAt: Date, payload: PostgresJSON, attempts: Int = 0) {
        self.id = id
        self.kind = kind
        self.key = key
        self.dueAt = dueAt
        self.payload = payload
        self.attempts = attempts
    }

    /// The payload decoded as `type`, reading dates as ``ScheduledTimer/init(kind:key:dueAt:encoding:)``
    /// writes them (RFC 3339).
    public func decodePayload<T: Decodable>(_ type: T.Type) throws -> T {
        try payload.decode(type, decoder: JSONCoding.makeDecoder())
    }
}

/// A stored timer as operators see it (`spotjob timers list`).
public struct TimerInfo: Sendable, Hashable, Encodable {
    public var id: Int64
    public var kind: String
    public var key: String
    public var dueAt: Date
    /// When the loop may next fire it (later than ``dueAt`` after a failure).
    public var fireAt: Date
    public var attempts: Int
    /// Set when the timer is parked: its handler kept failing; `spotjob timers rearm` fires it again.
    public var parkedAt: Date?
    /// The last failure, described without the data it concerned.
    public var lastError: String?
    public var scheduledAt: Date
    /// The payload as JSON text.
    public var payload: String
}
