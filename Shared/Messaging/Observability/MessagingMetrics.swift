import AMQPClient
import Metrics

/// What messaging counts, through swift-metrics (a service exports it as Prometheus text):
///
/// | metric | kind | dimensions |
/// |---|---|---|
/// | `spotjob_messages_consumed_total` | counter | `type` |
/// | `spotjob_messages_published_total` | counter | `type` (events relayed from the outbox) |
/// | `spotjob_messages_rejected_total` | counter | `type` (refused by the handler as invalid) |
/// | `spotjob_messages_dead_lettered_total` | counter | `type` (every dead letter, whatever the cause) |
/// | `spotjob_messages_retried_total` | counter | `type` (messages of batches retried after a transient failure) |
/// | `spotjob_message_processing_seconds` | histogram | `type` (delivery received → acknowledged) |
/// | `spotjob_outbox_backlog` | gauge | — (events committed, not yet published) |
enum MessagingMetrics {
    static func consumed(_ deliveries: [Delivery]) { count("spotjob_messages_consumed_total", deliveries.map(\.type)) }
    static func published(_ envelopes: [Envelope]) { count("spotjob_messages_published_total", envelopes.map(\.type)) }
    static func rejected(_ types: [String]) { count("spotjob_messages_rejected_total", types) }
    static func deadLettered(_ deliveries: [Delivery]) { count("spotjob_messages_dead_lettered_total", deliveries.map(\.type)) }
    static func retried(_ envelopes: [Envelope]) { count("spotjob_messages_retried_total", envelopes.map(\.type)) }

    static func processed(_ deliveries: [Delivery], in duration: Duration) {
        let nanoseconds = duration / .nanoseconds(1)
        for type in Set(deliveries.map(\.type)) {
            let timer = Timer(label: "spotjob_message_processing_seconds", dimensions: [("type", type)], preferredDisplayUnit: .seconds)
            for delivery in deliveries where delivery.type == type { timer.recordNanoseconds(Int64(nanoseconds)) }
        }
    }

    static func outboxBacklog(_ count: Int) {
        Gauge(label: "spotjob_outbox_backlog").record(count)
    }

    private static func count(_ label: String, _ types: [String]) {
        var counts: [String: Int] = [:]
        for type in types { counts[type, default: 0] += 1 }
        for (type, n) in counts { Counter(label: label, dimensions: [("type", type)]).increment(by: n) }
    }
}

extension Delivery {
    /// The message type for metrics and logs: the `type` property, else the routing key.
    var type: String { properties.type ?? routingKey }
}
