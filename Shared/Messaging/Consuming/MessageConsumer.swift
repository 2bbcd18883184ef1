import AMQPClient
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle
import Synchronization

/// Consumes a service's queue with at-least-once delivery and exactly-once effect.
///
/// Deliveries are taken in batches and read by the handler (``MessageHandler/read(_:)``). A batch
/// is split into lanes by the handler's ``MessageHandler/partitionKey(of:)``, one database session
/// per lane, so lanes commit in parallel while messages with the same key (intake: the same sheet)
/// keep their order. Each lane's part is applied in one database transaction
/// (``BatchTransaction``): the batch claims its message ids in the inbox, the handler applies the
/// messages claimed, and their events go to the outbox. After the commit the events go to the
/// ``OutboxRelay`` and the batch is acknowledged; a message that is invalid (bad envelope, rejected
/// by the handler, failing the handler) is first published to the dead-letter exchange with the
/// reason in a header. A batch failing for a transient reason is retried per ``RetrySchedule`` and
/// dead-lettered when that gives up. The next batch is taken and read while one commits (see
/// ``run()``).
///
/// A message the broker delivered before without its being settled (its consumer died) is applied
/// in a batch of its own, and dead-lettered as poison once it was applied alone a few times
/// (``Redeliveries``, ``DeliveryAttempts``).
///
/// The decisions are values without I/O, tested on their own: ``BatchPipeline`` (order of batches),
/// ``BatchCommitStateMachine`` (retries), ``BatchSettlement`` (dead letters, acknowledgement),
/// ``Redeliveries`` (suspects and poison). This class takes deliveries, runs transactions, publishes
/// dead letters, acknowledges and sleeps.
public final class MessageConsumer<Handler: MessageHandler>: Service, Sendable {
    private let service: String
    private let consumer: AMQPConsumer
    private let publisher: AMQPPublisher
    private let lanes: [PostgresClient]
    private let handler: Handler
    private let recorder: RejectionRecorder
    private let relay: OutboxRelay
    private let batchSize: Int
    private let logger: Logger
    private let running = Mutex(false)

    /// Whether ``run()`` is consuming (for readiness).
    public var isRunning: Bool { running.withLock { $0 } }

    /// - Parameters:
    ///   - service: the service name: its queue, dead-letter routing key and log label.
    ///   - publisher: used for dead letters (may be shared with the relay).
    ///   - lanes: one database client per lane (at least one).
    ///   - relay: publishes each batch's events once it committed.
    ///   - rejections: what is kept, announced and sealed of what the handler refuses.
    ///   - batchSize: deliveries taken at once, across all lanes.
    public init(
        service: String, consumer: AMQPConsumer, publisher: AMQPPublisher, lanes: [PostgresClient],
        handler: Handler, rejections: RejectionPolicy, relay: OutboxRelay, batchSize: Int = 250, logger: Logger
    ) {
        precondition(!lanes.isEmpty, "a consumer needs a database client")
        self.service = service
        self.consumer = consumer
        self.publisher = publisher
        self.lanes = lanes
        self.handler = handler
        self.recorder = RejectionRecorder(service: service, policy: rejections)
        self.relay = relay
        self.batchSize = batchSize
        self.logger = logger
    }

    public func run() async throws {
        running.withLock { $0 = true }
        defer { running.withLock { $0 = false } }
        // A pipeline: while one batch commits, the next is taken and read; once the commit is done,
        // the next batch is topped up with what arrived meanwhile and commits in turn. A committed
        // batch hands its events to the relay at once, and is settled (dead letters,
        // acknowledgement) in order behind. Batches commit one after the other, so messages with the
        // same partition key stay in order.
        var pipeline = BatchPipeline(batchSize: batchSize)
        var previousCommit: Task<Committed?, Never>?
        var previousSettle: Task<Void, Never>?
        var settleBeforePrevious: Task<Void, Never>?
        // Deliveries taken from the broker and not yet in a batch, in delivery order: a batch is a
        // run of fresh deliveries or one redelivered alone (``Redeliveries``), and batches are
        // acknowledged in order, so what is held waits for the next turn.
        var held: [Delivery] = []
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            // At most two batches unacknowledged (the prefetch allows exactly that); waiting for a
            // delivery holds the consumer's connection, so an acknowledgement must not be due then.
            await settleBeforePrevious?.value
            if held.isEmpty { held = await consumer.next(maxCount: batchSize, timeout: .milliseconds(250)) }
            guard !held.isEmpty else { continue }
            var batch = Batch()
            let taken = Array(held.prefix(Redeliveries.nextBatchCount(of: held)))
            held.removeFirst(taken.count)
            if let suspect = taken.first, Redeliveries.isSuspect(suspect) {
                // Its attempt counts only once the batch before committed: a process that dies
                // there dies of another message.
                _ = await previousCommit?.value
                await read(suspect: suspect, into: &batch)
            } else {
                read(taken, into: &batch)
            }
            // A batch after one that gave up at shutdown gives up too, keeping the order.
            var previousGaveUp = false
            if let previousCommit { previousGaveUp = await previousCommit.value == nil }
            let commits: Bool
            switch pipeline.previousCommitFinished(gaveUp: previousGaveUp, taken: batch.deliveries.count) {
            case .commit(let topUp):
                if topUp > 0, held.isEmpty, !batch.isSuspect {
                    held = await consumer.next(maxCount: topUp, timeout: .zero)
                    let fresh = Array(held.prefix(Redeliveries.freshCount(of: held)))
                    held.removeFirst(fresh.count)
                    read(fresh, into: &batch)
                }
                commits = true
            case .giveUp:
                commits = false
            }
            let messages = batch.messages
            let commit = Task { () -> Committed? in
                commits ? await self.commitInLanes(messages) : nil
            }
            let settleAfter = previousSettle
            settleBeforePrevious = previousSettle
            previousSettle = Task { [batch, relay] in
                let committed = await commit.value
                // Events go out at once (commits are in order, so hand-overs are too); the
                // acknowledgement waits for the batches before.
                relay.publish(committed?.events ?? [])
                await settleAfter?.value
                await self.settle(batch, committed: committed)
            }
            previousCommit = commit
        }
        await previousSettle?.value
    }

    /// What committing a batch did: each message's outcome by delivery index, and the events to publish.
    private struct Committed: Sendable {
        var outcomes: [(index: Int, outcome: Inbox.Outcome)] = []
        var events: [Outbox.Pending] = []
    }

    /// Deliveries taken together and what the handler read from them.
    private struct Batch: Sendable {
        var deliveries: [Delivery] = []
        var taken = ContinuousClock.now
        /// The messages with a valid envelope, with their delivery index.
        var messages: [(index: Int, received: Received<Handler.Message>)] = []
        /// Why a delivery is refused unread (no valid envelope, or poison), by delivery index.
        var invalid: [Int: String] = [:]

        /// Whether this is a redelivered message taken alone.
        var isSuspect: Bool { deliveries.count == 1 && Redeliveries.isSuspect(deliveries[0]) }
    }

    /// Adds `deliveries` to `batch`: reads their envelopes and has the handler read the messages; no I/O.
    private func read(_ deliveries: [Delivery], into batch: inout Batch) {
        MessagingMetrics.consumed(deliveries)
        for delivery in deliveries {
            let index = batch.deliveries.count
            batch.deliveries.append(delivery)
            do {
                let envelope = try Envelope(delivery: delivery)
                batch.messages.append((index, Received(envelope: envelope, message: handler.read(envelope))))
            } catch {
                batch.invalid[index] = "invalid envelope: \(error)"
            }
        }
    }

    /// Reads a redelivered message alone, counting the attempt in ``DeliveryAttempts`` first, so that
    /// an attempt that kills the process still counts; poison (``Redeliveries/poisonLimit``
    /// attempts before) is refused without running the handler. If the attempt cannot be counted
    /// (the database is away) the message is read uncounted: its handling needs the database too.
    private func read(suspect delivery: Delivery, into batch: inout Batch) async {
        if let id = delivery.properties.messageID.flatMap(UUID.init(uuidString:)) {
            do {
                let attempts = try await lanes[0].withConnection { try DeliveryAttempts.record(id, on: $0) }
                if let reason = Redeliveries.poisonReason(attempts: attempts) {
                    MessagingMetrics.consumed([delivery])
                    batch.invalid[batch.deliveries.count] = reason
                    batch.deliveries.append(delivery)
                    return
                }
            } catch {
                logger.warning("could not count the attempts of a redelivered message; reading it uncounted",
                               metadata: ["message.id": "\(id)", "error": "\(error)"])
            }
        }
        read([delivery], into: &batch)
    }

    /// Finishes a batch once it committed (`committed`; `nil` if it gave up at shutdown) as
    /// ``BatchSettlement`` decides: requeues it, or dead-letters what was refused and acknowledges it.
    private func settle(_ batch: Batch, committed: Committed?) async {
        let deliveries = batch.deliveries
        let refusals: BatchSettlement.Refusals
        switch BatchSettlement(deliveryCount: deliveries.count, invalid: batch.invalid, outcomes: committed?.outcomes) {
        case .requeueAll:
            for delivery in deliveries { await consumer.requeue(delivery) }
            return
        case .deadLetterThenAcknowledge(let decided):
            refusals = decided
        }
        MessagingMetrics.rejected(refusals.rejected.map { deliveries[$0].type })
        let refused = refusals.deadLetters.map { deliveries[$0.index] }
        if !refused.isEmpty {
            do {
                let deadLetters = try refusals.deadLetters.map { index, reason in
                    try DeadLetter.message(for: deliveries[index], service: service, reason: reason, sealer: recorder.policy.sealer)
                }
                try await publisher.publish(deadLetters)
            } catch {
                logger.error("could not dead-letter; requeueing the batch", metadata: ["error": "\(error)"])
                for delivery in deliveries { await consumer.requeue(delivery) }
                return
            }
        }
        MessagingMetrics.deadLettered(refused)
        for (delivery, reason) in zip(deliveries, refusals.reasons) {
            log(delivery, reason: reason)
        }
        await consumer.ackAll(through: deliveries[refusals.lastIndex])
        let elapsed = ContinuousClock.now - batch.taken
        MessagingMetrics.processed(deliveries, in: elapsed)
        logger.debug("batch handled", metadata: ["batch.size": "\(deliveries.count)", "batch.duration": "\(elapsed)"])
    }

    /// Splits `messages` (with their delivery index) into lanes by partition key and commits the
    /// lanes concurrently; the outcomes by delivery index, or `nil` if any lane gave up at shutdown.
    private func commitInLanes(_ messages: [(index: Int, received: Received<Handler.Message>)]) async -> Committed? {
        var parts = [[(index: Int, received: Received<Handler.Message>)]](repeating: [], count: lanes.count)
        for entry in messages {
            parts[Self.lane(of: handler.partitionKey(of: entry.received.message), among: lanes.count)].append(entry)
        }
        return await withTaskGroup(of: Committed?.self) { group in
            for (lane, part) in zip(lanes, parts) where !part.isEmpty {
                group.addTask {
                    await self.commit(part.map(\.received), on: lane).map { result in
                        Committed(outcomes: Array(zip(part.map(\.index), result.outcomes)), events: result.events)
                    }
                }
            }
            var all = Committed()
            for await committed in group {
                guard let committed else { return nil }
                all.outcomes += committed.outcomes
                all.events += committed.events
            }
            return all
        }
    }

    /// The lane of a partition key: stable across runs (FNV-1a), keyless messages in lane 0.
    static func lane(of key: String?, among count: Int) -> Int {
        guard let key, count > 1 else { return 0 }
        return Int(FNV1a.hash(key.utf8) % UInt64(count))
    }

    /// Applies `messages` in one transaction on `database`, retrying as ``BatchCommitStateMachine``
    /// decides; `nil` when shutting down before it succeeded (the deliveries are then requeued for
    /// another replica).
    private func commit(_ messages: [Received<Handler.Message>], on database: PostgresClient) async -> BatchTransaction.Result? {
        var machine = BatchCommitStateMachine()
        var action = machine.start()
        let handler = self.handler
        let recorder = self.recorder
        while true {
            switch action {
            case .apply(let mode, let excluded):
                do {
                    let result = try await database.transaction { connection in
                        try BatchTransaction.apply(
                            messages, rejecting: excluded, handler: handler, recorder: recorder, mode: mode, on: connection)
                    }
                    machine.succeeded()
                    return result
                } catch {
                    action = machine.failed(BatchFailure(error))
                    switch action {
                    case .apply(.oneByOne, _) where mode == .batch:
                        logger.notice("batch failed; applying it one message at a time", metadata: ["error": "\(error)"])
                    case .wait(let delay):
                        MessagingMetrics.retried(messages.map(\.envelope))
                        logger.warning(
                            "batch failed; retrying",
                            metadata: ["error": "\(error)", "attempt": "\(machine.attempts)", "retry.in": "\(delay)"])
                    case .apply, .giveUp, .requeue:
                        break
                    }
                }
            case .wait(let delay):
                if Task.isShuttingDownGracefully {
                    action = machine.shuttingDown()
                } else {
                    try? await Task.sleep(for: delay)
                    action = machine.retryDue()
                }
            case .giveUp(let reason):
                return BatchTransaction.Result(outcomes: messages.map { _ in .rejected(reason: reason) }, events: [])
            case .requeue:
                return nil
            }
        }
    }

    private func log(_ delivery: Delivery, reason: String?) {
        guard reason != nil || logger.logLevel <= .debug else { return }
        var metadata: Logger.Metadata = [
            "message.id": "\(delivery.properties.messageID ?? "-")",
            "message.type": "\(delivery.properties.type ?? delivery.routingKey)",
            "correlation.id": "\(delivery.properties.correlationID ?? "-")",
        ]
        if let reason {
            metadata["reason"] = "\(reason)"
            logger.notice("message dead-lettered", metadata: metadata)
        } else {
            logger.debug("message handled", metadata: metadata)
        }
    }
}
