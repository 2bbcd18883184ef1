import AMQPClient
import Logging
import PostgresClient
import ServiceLifecycle
import Synchronization

/// Publishes what handlers wrote to the outbox, with publisher confirms, and deletes it from the
/// outbox once confirmed.
///
/// The consumer hands over each batch's events right after its commit (``publish(_:)``), so they
/// go out without being read back; events handed over while a publish is under way go out together
/// in the next one. Whatever that misses (the process died between commit and publish, or the
/// broker was away) the relay's sweep finds: every `pollInterval` it publishes the events older
/// than `grace` (younger ones are still on their way through this or another replica) and, on
/// shutdown, all of them. A crash between the broker's confirm and the delete publishes an event
/// again; consumers drop the duplicate through their inbox. Replicas take turns sweeping through an
/// advisory lock per batch.
public final class OutboxRelay: Service, Sendable {
    private let database: PostgresClient
    private let publisher: AMQPPublisher
    private let lockKey: String
    private let batchSize: Int
    private let pollInterval: Duration
    private let grace: Duration
    /// Events committed and handed over, waiting to be published.
    private let handedOver = Mutex<[Outbox.Pending]>([])
    private let wakeUp = WakeUpSignal()
    private let logger: Logger

    /// - Parameters:
    ///   - database: a client used only by this relay (the advisory lock lives on its session).
    ///   - schema: the service's schema; names the relay's lock.
    ///   - batchSize: the most events a sweep publishes at once.
    ///   - pollInterval: how often to sweep the outbox.
    ///   - grace: how old an event must be before a sweep publishes it.
    public init(
        database: PostgresClient, publisher: AMQPPublisher, schema: String, batchSize: Int = 500,
        pollInterval: Duration = .seconds(1), grace: Duration = .seconds(5), logger: Logger
    ) {
        self.database = database
        self.publisher = publisher
        self.lockKey = "spotjob.outbox.\(schema)"
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        self.grace = grace
        self.logger = logger
    }

    /// How many events are handed over and not yet taken for publishing; a producer faster than the
    /// relay (the timer loop working through a backlog) waits while this is high.
    public var handedOverCount: Int { handedOver.withLock(\.count) }

    /// Hands over `events`, just committed, to be published; returns at once.
    public func publish(_ events: [Outbox.Pending]) {
        guard !events.isEmpty else { return }
        handedOver.withLock { $0 += events }
        wakeUp.signal()
    }

    public func run() async throws {
        var backoff = ReconnectBackoff()
        var lastSweep: ContinuousClock.Instant?
        var deleting: Task<Void, Never>?
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                deleting = await publishHandedOver(deletingAfter: deleting)
                if lastSweep.map({ $0.duration(to: .now) >= pollInterval }) ?? true {
                    do {
                        while try await sweep(olderThan: grace) == batchSize {}
                        MessagingMetrics.outboxBacklog(try await database.withConnection { try Outbox.backlog(on: $0) })
                        lastSweep = .now
                        backoff.reset()
                    } catch {
                        let delay = backoff.nextDelay()
                        logger.warning("outbox sweep failed; retrying", metadata: ["error": "\(error)", "retry.in": "\(delay)"])
                        try? await Task.sleep(for: delay)
                        continue
                    }
                }
                if handedOver.withLock(\.isEmpty) {
                    await wakeUp.wait(timeout: pollInterval)
                    await publisher.keepAlive()
                }
            }
        } onGracefulShutdown: {
            self.wakeUp.signal()
        }
        // The consumer has stopped: publish what is left, as long as that succeeds.
        await publishHandedOver(deletingAfter: deleting)?.value
        while let published = try? await sweep(olderThan: .zero), published > 0 {}
    }

    /// Publishes the events handed over so far, all at once, and returns the task deleting their
    /// outbox rows (after `previous` did its rows), so the next publish need not wait for the delete.
    /// What fails stays in the outbox for a sweep.
    private func publishHandedOver(deletingAfter previous: Task<Void, Never>?) async -> Task<Void, Never>? {
        let events = handedOver.withLock { events in
            defer { events = [] }
            return events
        }
        guard !events.isEmpty else { return previous }
        do {
            try await publish(events)
        } catch {
            logger.warning(
                "could not publish events; the outbox sweep will", metadata: ["error": "\(error)", "count": "\(events.count)"])
            return previous
        }
        return Task {
            await previous?.value
            do {
                try await delete(events)
            } catch {
                logger.warning(
                    "could not delete published events; a sweep publishes them again",
                    metadata: ["error": "\(error)", "count": "\(events.count)"])
            }
        }
    }

    /// Publishes one batch of the events older than `age`, oldest first, if no other replica is
    /// sweeping; returns how many.
    @discardableResult
    public func sweep(olderThan age: Duration) async throws -> Int {
        let (lockKey, batchSize) = (self.lockKey, self.batchSize)
        let unlock = PostgresStatement("SELECT pg_advisory_unlock(hashtext($1))", [lockKey])
        // Try the lock and read the batch in one round trip; the rows are ignored without the lock.
        let results = try await database.withConnection { connection in
            try connection.pipeline([
                PostgresStatement("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [lockKey]),
                Outbox.pendingStatement(olderThan: age, limit: batchSize),
            ])
        }
        guard try results[0].first?.decode(Bool.self, column: "locked") == true else { return 0 }  // another replica sweeps
        // Holding the lock from here on: every way out releases it.
        do {
            let pending = try Outbox.pending(results[1])
            try await publish(pending)
            try await delete(pending)
            _ = try await database.withConnection { try $0.pipeline([unlock]) }
            if !pending.isEmpty {
                logger.notice("swept outbox events", metadata: ["count": "\(pending.count)"])
            }
            return pending.count
        } catch {
            _ = try? await database.withConnection { _ = try $0.pipeline([unlock]) }
            throw error
        }
    }

    /// Publishes `events` and waits for the broker's confirms.
    private func publish(_ events: [Outbox.Pending]) async throws {
        guard !events.isEmpty else { return }
        try await publisher.publish(events.map { $0.envelope.outgoing(exchange: SpotJobTopology.exchange) })
        MessagingMetrics.published(events.map(\.envelope))
    }

    /// Deletes the outbox rows of `events`, which the broker has confirmed.
    private func delete(_ events: [Outbox.Pending]) async throws {
        guard !events.isEmpty else { return }
        let sequences = events.map(\.sequence)
        _ = try await database.withConnection { try $0.pipeline([Outbox.deleteStatement(sequences)]) }
    }
}
