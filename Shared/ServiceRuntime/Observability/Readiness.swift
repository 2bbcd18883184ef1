/// Whether a service can do its work now: its database and broker connections are up and its
/// consumer runs. `GET /health/ready` answers 200 when ``isReady``, 503 otherwise.
public struct Readiness: Sendable, Equatable, Encodable {
    public var database: Bool
    public var broker: Bool
    public var consumer: Bool

    public init(database: Bool, broker: Bool, consumer: Bool) {
        self.database = database
        self.broker = broker
        self.consumer = consumer
    }

    public var isReady: Bool { database && broker && consumer }
}
