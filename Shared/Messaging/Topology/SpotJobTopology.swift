import AMQPClient

/// The broker layout every service shares (ARCHITECTURE.md, "How they talk").
public enum SpotJobTopology {
    /// The durable topic exchange all events go through; routing key = event type.
    public static let exchange = "spotjob"
    /// Where messages that cannot be handled go, routed by the name of the service that gave up.
    /// A topic exchange, so the broker's topic permissions apply to it: each service may publish
    /// and bind only its own name (`deploy/rabbitmq/permissions.tsv`).
    public static let deadLetterExchange = "spotjob.dead"
    /// Redeliveries after which the broker itself dead-letters a message, as a last resort
    /// against a message that crashes its consumer every time.
    public static let deliveryLimit = 20

    /// The two exchanges; enough for a process that only publishes.
    public static let exchanges = Topology(exchanges: [
        .init(name: exchange, kind: .topic), .init(name: deadLetterExchange, kind: .topic),
    ])

    /// The name of `service`'s dead-letter queue, e.g. `intake.dead`.
    public static func deadLetterQueue(of service: String) -> String { "\(service).dead" }

    /// `service`'s quorum queue bound to `routingKeys`, and its dead-letter queue.
    public static func service(_ service: String, consumes routingKeys: [String]) -> Topology {
        let deadQueue = deadLetterQueue(of: service)
        return exchanges.merged(with: Topology(
            queues: [
                .quorum(service, deadLetterExchange: deadLetterExchange, deadLetterRoutingKey: service,
                        deliveryLimit: deliveryLimit),
                .quorum(deadQueue),
            ],
            bindings: routingKeys.map { .init(queue: service, exchange: exchange, routingKey: $0) }
                + [.init(queue: deadQueue, exchange: deadLetterExchange, routingKey: service)]
        ))
    }
}
