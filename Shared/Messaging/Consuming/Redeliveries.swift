import AMQPClient

/// How the consumer treats a message the broker delivered before without its being settled,
/// decided without I/O.
///
/// A consumer that dies while handling a batch (a trap, `kill -9`, the machine) leaves its
/// deliveries unsettled, and the broker delivers them again, counting in `x-delivery-count`
/// (quorum queues; a classic queue only says `redelivered`). A message that kills every process
/// that reads it would otherwise crash-loop its service until the queue's delivery limit, taking
/// its batch down with it each time. So a redelivered message is a *suspect*: it is applied in a
/// batch of its own, after its attempt is counted in ``DeliveryAttempts``. The broker's count
/// cannot tell poison from a message that merely sat in the prefetch of a process that stopped;
/// the attempts can, since only a suspect applied alone is counted. A suspect that was applied
/// alone ``poisonLimit`` times before is *poison*: dead-lettered with the reason `poison`, without
/// running the handler again.
enum Redeliveries {
    /// Attempts alone after which a message is poison.
    static let poisonLimit = 3

    /// The header in which quorum queues count earlier deliveries.
    static let deliveryCountHeader = "x-delivery-count"

    /// Whether the broker delivered `delivery` before.
    static func isSuspect(_ delivery: Delivery) -> Bool {
        if let count = delivery.properties.headers[deliveryCountHeader]?.intValue { return count > 0 }
        return delivery.redelivered
    }

    /// How many of `deliveries`, from the first, are fresh (not delivered before).
    static func freshCount(of deliveries: some Collection<Delivery>) -> Int {
        deliveries.prefix { !isSuspect($0) }.count
    }

    /// How many of `deliveries`, from the first, make the next batch: a suspect alone, or the
    /// fresh deliveries before the first suspect. At least one when there are any.
    static func nextBatchCount(of deliveries: some Collection<Delivery>) -> Int {
        guard let first = deliveries.first else { return 0 }
        return isSuspect(first) ? 1 : freshCount(of: deliveries)
    }

    /// The reason a suspect whose attempt is the `attempts`-th is refused, or `nil` to apply it.
    static func poisonReason(attempts: Int) -> String? {
        guard attempts > poisonLimit else { return nil }
        return "poison: applied alone \(attempts - 1) times before, and its process stopped each time before settling it"
    }
}
