import AMQPClient
import Logging
import PostgresClient
import ServiceLifecycle
import Synchronization

/// Publishes what handlers wrote to the outbox, after commit, with publisher confirms, and deletes it
/// from the outbox once confirmed.
///
/// A crash between commit and publish loses nothing: the rows stay unsent and the next relay
/// publishes them. A crash between the broker's confirm and deleting the rows publishes them
/// again; consumers drop the duplicate through their inbox. Replicas take turns through an advisory
/// lock per batch, so normally one of them relays.
public final class OutboxRelay: Service, Sendable {
    private let database: PostgresClient
    private let publisher: AMQPPublisher
    private let lockKey: String
    private let batchSize: Int
    private let pollInterval: Duration
    private let wakeUp = WakeUpSignal()
    /// When the backlog was last counted.
    private let backlogCounted = Mutex<ContinuousClock.Instant?>(nil)
    private let logger: Logger

    /// - Parameters:
    ///   - database: a client used only by this relay (the advisory lock lives on its session).
    ///   - schema: the service's schema; names the relay's lock.
    ///   - pollInterval: how often to look for events when nobody signals (other replicas, restarts).
    public init(
        database: PostgresClient, publisher: AMQPPublisher, schema: String, batchSize: Int = 500,
        pollInterval: Duration = .seconds(1), logger: Logger
    ) {
        self.database = database
        self.publisher = publisher
        self.lockKey = "spotjob.outbox.\(schema)"
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Tells the relay new events were committed.
    public func notify() { wakeUp.signal() }

    public func run() async throws {
        var backoff = ReconnectBackoff()
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                do {
                    let published = try await relayBatch()
                    backoff.reset()
                    if published < batchSize {
                        await wakeUp.wait(timeout: pollInterval)
                        await publisher.keepAlive()
                    }
                } catch {
                    let delay = backoff.nextDelay()
                    logger.warning("outbox relay failed; retrying", metadata: ["error": "\(error)", "retry.in": "\(delay)"])
                    try? await Task.sleep(for: delay)
                }
            }
        } onGracefulShutdown: {
            self.wakeUp.signal()
        }
        await flush()
    }

    /// Publishes one batch of unsent events; returns how many.
    @discardableResult
    public func relayBatch() async throws -> Int {
        let (lockKey, batchSize) = (self.lockKey, self.batchSize)
        let unlock = PostgresStatement("SELECT pg_advisory_unlock(hashtext($1))", [lockKey])
        // Try the lock and read the batch in one round trip; the rows are ignored without the lock.
        let results = try await database.withConnection { connection in
            try connection.pipeline([
                PostgresStatement("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [lockKey]),
                Outbox.pendingStatement(limit: batchSize),
            ])
        }
        guard try results[0].first?.decode(Bool.self, column: "locked") == true else { return 0 }  // another replica relays
        // Holding the lock from here on: every way out releases it.
        let pending: [Outbox.Pending]
        let backlog: Int?
        do {
            pending = try Outbox.pending(results[1])
            if !pending.isEmpty {
                try await publisher.publish(pending.map { $0.envelope.outgoing(exchange: SpotJobTopology.exchange) })
            }
            let sequences = pending.map(\.sequence)
            // Counting scans the table, so the backlog gauge is refreshed at most once a second.
            let countBacklog = backlogCounted.withLock { last in
                guard last.map({ $0.duration(to: .now) >= .seconds(1) }) ?? true else { return false }
                last = .now
                return true
            }
            backlog = try await database.withConnection { connection in
                let results = try connection.pipeline(
                    (sequences.isEmpty ? [] : [Outbox.deleteStatement(sequences)]) + [unlock]
                        + (countBacklog ? [Outbox.backlogStatement] : []))
                return countBacklog ? try results.last?.first?.decode(Int.self, at: 0) : nil
            }
        } catch {
            _ = try? await database.withConnection { _ = try $0.pipeline([unlock]) }
            throw error
        }
        if let backlog { MessagingMetrics.outboxBacklog(backlog) }
        MessagingMetrics.published(pending.map(\.envelope))
        if !pending.isEmpty {
            logger.debug("relayed outbox events", metadata: ["count": "\(pending.count)"])
        }
        return pending.count
    }

    /// On shutdown: publish what is left, as long as that succeeds.
    private func flush() async {
        while let published = try? await relayBatch(), published > 0 {}
    }
}
