/// Exchanges, queues and bindings a client declares after every (re)connect. Declaring is
/// idempotent, so every replica declares what it uses.
public struct Topology: Sendable, Equatable {
    public struct Exchange: Sendable, Equatable {
        public enum Kind: String, Sendable { case topic, direct, fanout }
        public var name: String
        public var kind: Kind
        public init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    public struct Queue: Sendable, Equatable {
        public var name: String
        public var arguments: [String: AMQPHeaderValue]
        public init(name: String, arguments: [String: AMQPHeaderValue] = [:]) {
            self.name = name
            self.arguments = arguments
        }

        /// A durable quorum queue (replicated in a cluster), dead-lettering to `deadLetterExchange`
        /// with `deadLetterRoutingKey`, and after `deliveryLimit` redeliveries at the latest.
        public static func quorum(
            _ name: String, deadLetterExchange: String? = nil, deadLetterRoutingKey: String? = nil,
            deliveryLimit: Int? = nil
        ) -> Queue {
            var arguments: [String: AMQPHeaderValue] = ["x-queue-type": .string("quorum")]
            if let deadLetterExchange { arguments["x-dead-letter-exchange"] = .string(deadLetterExchange) }
            if let deadLetterRoutingKey { arguments["x-dead-letter-routing-key"] = .string(deadLetterRoutingKey) }
            if let deliveryLimit { arguments["x-delivery-limit"] = .int(Int64(deliveryLimit)) }
            return Queue(name: name, arguments: arguments)
        }
    }

    public struct Binding: Sendable, Equatable {
        public var queue: String
        public var exchange: String
        public var routingKey: String
        public init(queue: String, exchange: String, routingKey: String) {
            self.queue = queue
            self.exchange = exchange
            self.routingKey = routingKey
        }
    }

    public var exchanges: [Exchange]
    public var queues: [Queue]
    public var bindings: [Binding]

    public init(exchanges: [Exchange] = [], queues: [Queue] = [], bindings: [Binding] = []) {
        self.exchanges = exchanges
        self.queues = queues
        self.bindings = bindings
    }

    /// Both topologies together, without repeating what they share.
    public func merged(with other: Topology) -> Topology {
        func union<T: Equatable>(_ a: [T], _ b: [T]) -> [T] { a + b.filter { !a.contains($0) } }
        return Topology(
            exchanges: union(exchanges, other.exchanges),
            queues: union(queues, other.queues),
            bindings: union(bindings, other.bindings)
        )
    }
}
