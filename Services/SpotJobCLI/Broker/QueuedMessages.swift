import AMQPClient

/// Reading a queue as a person does: taking what it holds without settling it, so the caller decides
/// what stays (closing the consumer gives back everything unsettled).
enum QueuedMessages {
    /// Takes up to `limit` deliveries from `consumer`, waiting up to a second for each batch.
    static func take(from consumer: AMQPConsumer, limit: Int) async -> [Delivery] {
        var taken: [Delivery] = []
        while taken.count < limit {
            let batch = await consumer.next(maxCount: limit - taken.count, timeout: .seconds(1))
            if batch.isEmpty { break }
            taken += batch
        }
        return taken
    }
}
