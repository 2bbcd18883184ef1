import Foundation
import JSON
import Logging
import PostgresClient
import ServiceLifecycle
import Synchronization

/// Fires a service's due timers: a swift-service-lifecycle `Service` that runs beside the consumer
/// and the relay (`ConsumingService` runs one in every service: retention is a timer, and a
/// service's own timers go to its handler beside it).
///
/// It claims due timers in batches, oldest first (`FOR UPDATE SKIP LOCKED`, so replicas share the
/// work), and in one transaction deletes them, calls the handler and writes its events to the
/// outbox; after the commit it hands the events to the relay. A crash before the commit leaves the
/// timers to fire again; after it they are gone: one effect per timer.
///
/// Between batches it sleeps until the earliest due timer (at most ``Timers/notifyHorizon``) on a
/// listening connection of its own, woken early by the `pg_notify` that scheduling an earlier timer
/// sends, from this process or another replica. The decisions are ``TimerLoopStateMachine``'s.
public final class TimerLoop: Service, Sendable {
    private let database: PostgresClient
    private let listener: PostgresListener
    private let handler: any TimerHandler
    private let relay: OutboxRelay?
    private let clock: any TimerClock
    private let configuration: TimerLoopStateMachine.Configuration
    private let countInterval: Duration
    private let logger: Logger
    private let stopping = Mutex(false)

    /// - Parameters:
    ///   - database: a client used only by this loop.
    ///   - listener: a listener used only by this loop (its own session).
    ///   - relay: takes the events after each commit (`nil`: they wait in the outbox for a sweep).
    ///   - countInterval: how often the pending and parked gauges are refreshed (a count of the table).
    public init(
        database: PostgresClient, listener: PostgresListener, handler: any TimerHandler, relay: OutboxRelay?,
        clock: any TimerClock = SystemTimerClock(), configuration: TimerLoopStateMachine.Configuration = .init(),
        countInterval: Duration = .seconds(10), logger: Logger
    ) {
        self.database = database
        self.listener = listener
        self.handler = handler
        self.relay = relay
        self.clock = clock
        self.configuration = configuration
        self.countInterval = countInterval
        self.logger = logger
    }

    /// Stops ``run()`` (as a graceful shutdown does): it finishes the transaction in hand.
    public func stop() {
        stopping.withLock { $0 = true }
        listener.interrupt()
    }

    private var isStopping: Bool {
        stopping.withLock { $0 } || Task.isShuttingDownGracefully || Task.isCancelled
    }

    /// Fires timers until a graceful shutdown or the task's cancellation (either wakes the listener's
    /// wait at once).
    public func run() async throws {
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await self.loop()
            } onGracefulShutdown: {
                self.stop()
            }
        } onCancel: {
            self.stop()
        }
    }

    private func loop() async {
        var machine = TimerLoopStateMachine(configuration: configuration)
        var listening = false
        var lastCount: ContinuousClock.Instant?
        var kinds = Set<String>()
        var action = machine.start(now: clock.now())
        while !isStopping {
            if !listening {
                // Listen before looking at the table, so no notification falls between the two.
                do {
                    let schema = try await database.withConnection {
                        try $0.query("SELECT current_schema()").first?.decode(String.self, at: 0) ?? "public"
                    }
                    try await listener.listen(Timers.channel(schema: schema))
                    listening = true
                } catch {
                    logger.warning("timer loop cannot listen; retrying", metadata: ["error": "\(error)"])
                    action = machine.databaseFailed(now: clock.now())
                }
            }
            // The gauges (a count of the table): at most every `countInterval`, before the loop sleeps;
            // while it fires batch after batch (a backlog), every 60 s, so as not to slow it down.
            let sinceCount = lastCount.map { $0.duration(to: .now) } ?? .seconds(3600)
            let aboutToSleep = if case .wait = action { true } else { false }
            if sinceCount >= countInterval, aboutToSleep || sinceCount >= .seconds(60) {
                if let counts = try? await database.withConnection({ try Timers.counts(on: $0) }) {
                    kinds = TimerMetrics.counts(pending: counts.pending, parked: counts.parked, previousKinds: kinds)
                }
                lastCount = .now
            }
            action = await perform(action, machine: &machine)
        }
    }

    /// Performs `action` and returns the next one.
    private func perform(_ action: TimerLoopStateMachine.Action, machine: inout TimerLoopStateMachine) async -> TimerLoopStateMachine.Action {
        switch action {
        case .claim(let dueBy, let limit):
            return await fire(Timers.claimStatement(dueBy: dueBy, limit: limit), readEarliest: true, machine: &machine)
        case .claimOne(let id, let dueBy):
            return await fire(Timers.claimOneStatement(id: id, dueBy: dueBy), readEarliest: false, machine: &machine)
        case .recordFailure(let timer, let error, let retryAt, let park):
            do {
                let now = clock.now()
                _ = try await database.withConnection {
                    try $0.pipeline([Timers.failureStatement(timer, error: error, retryAt: retryAt, parkedAt: park ? now : nil)])
                }
                TimerMetrics.failed(timer)
                if park {
                    logger.error("timer parked: its handler kept failing", metadata: [
                        "timer.id": "\(timer.id)", "timer.kind": "\(timer.kind)", "attempts": "\(timer.attempts + 1)", "error": "\(error)",
                    ])
                } else {
                    logger.warning("timer failed; retrying later", metadata: [
                        "timer.id": "\(timer.id)", "timer.kind": "\(timer.kind)", "attempts": "\(timer.attempts + 1)",
                        "retry.at": "\(RFC3339.format(retryAt))", "error": "\(error)",
                    ])
                }
                return machine.failureRecorded(now: clock.now())
            } catch {
                logger.warning("could not record a timer failure; retrying", metadata: ["error": "\(error)"])
                return machine.databaseFailed(now: clock.now())
            }
        case .wait(_, let timeout):
            do {
                let wakeUp: TimerLoopStateMachine.WakeUp = switch try await listener.wait(timeout: timeout) {
                case .timedOut: .timedOut
                case .interrupted: .interrupted
                case .reconnected: .reconnected
                case .notified(let notifications):
                    .notified(earliest: notifications.map { Timers.dueAt(ofNotification: $0.payload) }.reduce(Date?.none) { earliest, due in
                        guard let due else { return earliest }  // unknown payload: handled as "now" below
                        return min(earliest ?? due, due)
                    } ?? (notifications.isEmpty ? nil : clock.now()))
                }
                return machine.wokeUp(wakeUp, now: clock.now())
            } catch {
                logger.warning("timer loop lost its listening connection; retrying", metadata: ["error": "\(error)"])
                return machine.databaseFailed(now: clock.now())
            }
        case .backoff(let delay):
            // In slices, so a shutdown does not wait for the whole delay.
            let end = ContinuousClock.now + delay
            while !isStopping, ContinuousClock.now < end {
                try? await Task.sleep(for: min(.milliseconds(100), ContinuousClock.now.duration(to: end)))
            }
            return machine.backoffElapsed(now: clock.now())
        }
    }

    /// Claims with `claim` and fires what it returns in one transaction, then hands the events over.
    private func fire(_ claim: PostgresStatement, readEarliest: Bool, machine: inout TimerLoopStateMachine) async -> TimerLoopStateMachine.Action {
        let handler = self.handler
        let readEarliest = readEarliest
        let batchSize = machine.configuration.batchSize
        struct HandlerFailure: Error {
            var timers: [DueTimer]
            var error: String
        }
        do {
            let (timers, pending, earliest) = try await database.transaction { connection in
                let timers = try Timers.claimed(connection.pipeline([claim])[0])
                var events: [OutboxEvent] = []
                if !timers.isEmpty {
                    do {
                        events = try handler.fire(timers, on: connection)
                    } catch let error as PostgresError where error.isTransient {
                        throw error
                    } catch {
                        throw HandlerFailure(timers: timers, error: "\(error)")
                    }
                }
                var statements: [PostgresStatement] = []
                if !events.isEmpty { statements.append(Outbox.insertStatement(events)) }
                // After a full batch the next claim follows at once; otherwise, when to wake up.
                let readsEarliest = readEarliest && timers.count < batchSize
                if readsEarliest { statements.append(Timers.earliestStatement) }
                let results = try connection.pipeline(statements)
                let pending = events.isEmpty ? [] : try Outbox.inserted(results[0], of: events)
                let earliest = readsEarliest ? try Timers.earliest(results[results.count - 1]) : nil
                return (timers, pending, earliest)
            }
            if let relay {
                relay.publish(pending)
                // Back-pressure: firing a backlog faster than the relay publishes would pile the
                // events up in memory; wait (at most a second) until the relay has taken most of them.
                let limit = 2 * batchSize
                let deadline = ContinuousClock.now + .seconds(1)
                while relay.handedOverCount > limit, ContinuousClock.now < deadline, !isStopping {
                    try? await Task.sleep(for: .milliseconds(2))
                }
            }
            let now = clock.now()
            if !timers.isEmpty {
                TimerMetrics.fired(timers, at: now)
                logger.debug("timers fired", metadata: ["count": "\(timers.count)", "events": "\(pending.count)"])
            }
            return machine.fired(count: timers.count, earliest: earliest, now: now)
        } catch let failure as HandlerFailure {
            logger.notice("timer handler failed", metadata: ["count": "\(failure.timers.count)", "error": "\(failure.error)"])
            return machine.handlerFailed(failure.timers, error: failure.error, now: clock.now())
        } catch {
            logger.warning("firing timers failed; retrying", metadata: ["error": "\(error)"])
            return machine.databaseFailed(now: clock.now())
        }
    }
}
