import AMQPClient
import Foundation
import Logging
import Messaging
import PostgresClient
import Synchronization
import TestSupport

/// The measurements. Every queue is a durable quorum queue and every message persistent, as in
/// production; bodies are 1 KiB.
struct Bench {
    let messages: Int
    let report: Report
    /// The local stack as its URLs are (TLS), and reached without TLS (what the figures use).
    let tlsStack: LocalStack
    let stack: LocalStack
    let admin: AMQPConfiguration
    let logger: Logger
    let body = [UInt8](repeating: 0x61, count: 1024)
    /// Every scratch queue this run declared, deleted by ``deleteScratchQueues()``.
    private let declared = ScratchQueues()

    init(messages: Int, report: Report) throws {
        self.messages = messages
        self.report = report
        // Plain connections, so that every figure compares with the ones before TLS; `intake --tls`
        // measures the cost of TLS against them.
        tlsStack = try LocalStack.fromEnvironment()
        stack = tlsStack.withoutTLS()
        admin = try AMQPConfiguration(url: stack.adminAMQPURL)
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        self.logger = logger
    }

    /// A fresh quorum queue bound to its own name on `bench`.
    func scratchQueue(_ purpose: String) async throws -> (Topology, String) {
        let queue = "bench.\(purpose).\(UUID().uuidString.prefix(6).lowercased())"
        let topology = Topology(
            exchanges: [.init(name: "bench", kind: .topic)],
            queues: [.quorum(queue).withExpiry()],
            bindings: [.init(queue: queue, exchange: "bench", routingKey: queue)])
        let inspector = AMQPInspector(configuration: admin)
        try await inspector.declare(topology)
        await inspector.close()
        declared.names.withLock { $0.append(queue) }
        return (topology, queue)
    }

    /// Writes PostgreSQL's dirty pages out now, so that a measurement does not share the disk with a
    /// checkpoint of what the previous one wrote (the broker's fsyncs slow down under one).
    func checkpoint() async throws {
        let database = PostgresClient(configuration: .init(url: stack.adminDatabaseURL), logger: logger)
        do {
            try await database.withConnection { _ = try $0.execute("CHECKPOINT") }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    /// Deletes the scratch queues, so the broker does not keep (and keep routing to) them.
    /// The reference of the service sections: consume + ack + publish + confirm of `bodies` with
    /// rabbitmq-c, no database; the best of three rounds, since one round of a few hundred
    /// milliseconds varies with the broker's state.
    func rawPassThroughRate(_ bodies: [[UInt8]]) async throws -> Double {
        let count = bodies.count
        let (_, inbound) = try await scratchQueue("pass-in")
        let (_, outbound) = try await scratchQueue("pass-out")
        let loader = AMQPPublisher(configuration: admin, logger: logger)
        let rawConsumer = try RawRabbitMQ(admin)
        let rawPublisher = try RawRabbitMQ(admin)
        let inspector = AMQPInspector(configuration: admin)
        var passRate = 0.0
        for _ in 1...3 {
            try await loader.publish(bodies.map { OutgoingMessage(exchange: "bench", routingKey: inbound, body: $0) })
            try await checkpoint()
            passRate = max(passRate, try await measureRate(count) {
                try rawConsumer.passThrough(
                    count: count, queue: inbound, prefetch: 200, batch: 100, via: rawPublisher, exchange: "bench", routingKey: outbound)
            })
            _ = try await inspector.purge(queue: outbound)
        }
        await inspector.close()
        await loader.close()
        return passRate
    }

    func deleteScratchQueues() async {
        let inspector = AMQPInspector(configuration: admin)
        for queue in declared.names.withLock({ names in
            defer { names = [] }
            return names
        }) { try? await inspector.deleteQueue(queue) }
        await inspector.close()
    }

    func amqpAndOutbox(includeOutbox: Bool) async throws {
        // Raw rabbitmq-c publish + confirm, at several batch sizes; the best is the reference.
        var best = (rate: 0.0, batch: 0)
        let rawQueue = try await scratchQueue("raw-publish").1
        let raw = try RawRabbitMQ(admin)
        for batch in [50, 100, 250, 500] {
            let rate = try await measureRate(messages) {
                try raw.publishConfirmed(count: messages, batch: batch, exchange: "bench", routingKey: rawQueue, body: body)
            }
            report.rate("raw rabbitmq-c publish+confirm, batch \(batch)", rate)
            if rate > best.rate { best = (rate, batch) }
        }

        let (topology, queue) = try await scratchQueue("client")
        let publisher = AMQPPublisher(configuration: admin, topology: topology, logger: logger)
        let outgoing = OutgoingMessage(
            exchange: "bench", routingKey: queue, body: body,
            properties: AMQPMessageProperties(
                messageID: UUID().uuidString, type: "bench", contentType: "application/json", correlationID: "c",
                appID: "bench", timestamp: UInt64(Date().timeIntervalSince1970), headers: ["schema-version": .int(1)]))
        let batch = Array(repeating: outgoing, count: best.batch)
        // At the best batch size, raw and client take turns for three more rounds each; the best of
        // each is compared, so one lucky or unlucky round does not decide the ratio.
        var clientRate = 0.0
        for _ in 1...3 {
            clientRate = max(clientRate, try await measureRate(messages) {
                for _ in 0..<(messages / best.batch) { try await publisher.publish(batch) }
            })
            best.rate = max(best.rate, try await measureRate(messages) {
                try raw.publishConfirmed(count: messages, batch: best.batch, exchange: "bench", routingKey: rawQueue, body: body)
            })
        }
        report.rate("raw rabbitmq-c publish+confirm, batch \(best.batch), best of all rounds", best.rate)
        report.rate("AMQPPublisher publish+confirm, batch \(best.batch), best of 3", clientRate, reference: best.rate, target: 0.8)

        // Consume + ack, each from a fresh queue filled the same way.
        var consumeQueues: [(Topology, String)] = []
        for purpose in ["raw-consume", "client-consume"] {
            let scratch = try await scratchQueue(purpose)
            try raw.publishConfirmed(count: messages, batch: 500, exchange: "bench", routingKey: scratch.1, body: body)
            consumeQueues.append(scratch)
        }
        let rawConsumer = try RawRabbitMQ(admin)
        let rawConsumeRate = try await measureRate(messages) {
            try rawConsumer.consumeAcked(count: messages, queue: consumeQueues[0].1, prefetch: 500, batch: 100)
        }
        report.rate("raw rabbitmq-c consume+ack", rawConsumeRate)
        let consumer = AMQPConsumer(
            configuration: admin, queue: consumeQueues[1].1, prefetch: 500, topology: consumeQueues[1].0, logger: logger)
        let consumeRate = await measureRate(messages) {
            var received = 0
            while received < messages {
                let deliveries = await consumer.next(maxCount: 100, timeout: .seconds(5))
                guard let last = deliveries.last else { break }
                await consumer.ackAll(through: last)
                received += deliveries.count
            }
        }
        report.rate("AMQPConsumer consume+ack (no target set)", consumeRate, reference: rawConsumeRate)
        await consumer.close()

        if includeOutbox { try await outbox(publisher: publisher, reference: best.rate) }
        await publisher.close()
    }

    /// DB row read → confirmed publish → deleted, for rows already committed (the relay's sweep).
    func outbox(publisher: AMQPPublisher, reference: Double) async throws {
        let schema = try await ScratchSchema.create(on: stack, logger: logger)
        let payload = String(repeating: "a", count: 1000)
        for start in stride(from: 0, to: messages, by: 1000) {
            let events = try (start..<min(start + 1000, messages)).map { _ in
                try OutboxEvent(type: "bench.outbox", payload: ["note": payload], producer: "bench")
            }
            try await schema.client.transaction { try Outbox.enqueue(events, on: $0) }
        }
        let relay = OutboxRelay(database: schema.newClient(on: stack, logger: logger), publisher: publisher, schema: schema.name, logger: logger)
        let rate = try await measureRate(messages) {
            while try await relay.sweep(olderThan: .zero) > 0 {}
        }
        report.rate("outbox sweep (row read → confirm → deleted)", rate, reference: reference, target: 0.5)
        let unsent = try await schema.count("SELECT count(*) FROM outbox")
        if unsent != 0 { throw BenchmarkError("outbox: \(unsent) rows left unsent") }
    }
}

/// The names of the queues a run declared.
final class ScratchQueues: Sendable {
    let names = Mutex<[String]>([])
}

extension Topology.Queue {
    /// Deleted by the broker ten minutes after its last use, so benchmark queues do not pile up.
    func withExpiry() -> Topology.Queue {
        var queue = self
        queue.arguments["x-expires"] = .int(600_000)
        return queue
    }
}
