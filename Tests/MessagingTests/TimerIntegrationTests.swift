import Foundation
import Logging
@testable import Messaging
import PostgresClient
import TestSupport
import XCTest

/// Timers on the real PostgreSQL: scheduling in transactions, loops on separate sessions
/// (replicas), wake-ups across connections, a database restart, parking and re-arming.
final class TimerIntegrationTests: XCTestCase {
    private var stack: LocalStack!
    private var schema: ScratchSchema!
    private var handler: RecordingTimerHandler!
    private let logger: Logger = {
        var logger = Logger(label: "timer-test")
        logger.logLevel = .warning
        return logger
    }()

    override func setUp() async throws {
        stack = try LocalStack.fromEnvironment()
        schema = try await ScratchSchema.create(on: stack, logger: logger)
        try await schema.client.withConnection { _ = try $0.execute(RecordingTimerHandler.migration) }
        handler = RecordingTimerHandler()
    }

    override func tearDown() async throws {
        await schema?.client.close()
    }

    /// A loop on sessions of its own (a replica), stopped with ``stop()``.
    private struct Replica {
        var loop: TimerLoop
        var task: Task<Void, any Error>
        var database: PostgresClient
        var listener: PostgresListener

        func stop() async {
            loop.stop()
            _ = await task.result
            await database.close()
            await listener.close()
        }
    }

    private func startReplica(_ configuration: TimerLoopStateMachine.Configuration = .init()) -> Replica {
        let database = schema.newClient(on: stack, logger: logger)
        let listener = PostgresListener(configuration: PostgresConfiguration(url: stack.adminDatabaseURL), logger: logger)
        let loop = TimerLoop(
            database: database, listener: listener, handler: handler, relay: nil, configuration: configuration, logger: logger)
        return Replica(loop: loop, task: Task { try await loop.run() }, database: database, listener: listener)
    }

    private func timers(count: Int, kind: String = "test.remind", dueAt: @escaping (Int) -> Date) -> [ScheduledTimer] {
        (0..<count).map { ScheduledTimer(kind: kind, key: "k\($0)", dueAt: dueAt($0), payload: PostgresJSON("{\"n\": \($0)}")) }
    }

    private func pendingCount() async throws -> Int { try await schema.count("SELECT count(*) FROM timers") }

    // MARK: Scheduling in transactions

    func testScheduleReplaceAndCancelTakeEffectOnlyWhenTheTransactionCommits() async throws {
        struct RollBack: Error {}
        let inAnHour = Date().addingTimeInterval(3600)
        let inADay = Date().addingTimeInterval(86_400)
        try await schema.client.transaction { connection in
            try Timers.schedule([
                ScheduledTimer(kind: "remind", key: "a", dueAt: inAnHour, payload: PostgresJSON("{\"v\": 1}")),
                ScheduledTimer(kind: "remind", key: "b", dueAt: inAnHour),
            ], on: connection)
        }
        _ = try? await schema.client.transaction { connection in
            try Timers.schedule(ScheduledTimer(kind: "remind", key: "c", dueAt: inAnHour), on: connection)
            throw RollBack()
        }
        var listed = try await schema.client.withConnection { try Timers.list(on: $0) }
        XCTAssertEqual(listed.map(\.key), ["a", "b"], "the rolled-back timer does not exist")

        // Replace: same kind and key reschedules (committed), a rolled-back replacement changes nothing.
        try await schema.client.transaction { connection in
            try Timers.schedule(ScheduledTimer(kind: "remind", key: "a", dueAt: inADay, payload: PostgresJSON("{\"v\": 2}")), on: connection)
        }
        _ = try? await schema.client.transaction { connection in
            try Timers.schedule(ScheduledTimer(kind: "remind", key: "b", dueAt: inADay), on: connection)
            throw RollBack()
        }
        listed = try await schema.client.withConnection { try Timers.list(on: $0) }
        XCTAssertEqual(listed.count, 2)
        let a = try XCTUnwrap(listed.first { $0.key == "a" })
        let b = try XCTUnwrap(listed.first { $0.key == "b" })
        XCTAssertEqual(a.dueAt.timeIntervalSince1970, inADay.timeIntervalSince1970, accuracy: 0.000_001)
        XCTAssertEqual(a.payload, "{\"v\": 2}")
        XCTAssertEqual(b.dueAt.timeIntervalSince1970, inAnHour.timeIntervalSince1970, accuracy: 0.000_001)

        // Cancel: committed removes, rolled back keeps.
        let cancelled = try await schema.client.transaction { try Timers.cancel(kind: "remind", key: "b", on: $0) }
        XCTAssertTrue(cancelled)
        _ = try? await schema.client.transaction { connection in
            try Timers.cancel(kind: "remind", key: "a", on: connection)
            throw RollBack()
        }
        listed = try await schema.client.withConnection { try Timers.list(on: $0) }
        XCTAssertEqual(listed.map(\.key), ["a"])
        let again = try await schema.client.transaction { try Timers.cancel(kind: "remind", key: "b", on: $0) }
        XCTAssertFalse(again, "nothing left to cancel")
    }

    func testTheSameKeyTwiceInOneCallKeepsTheLast() async throws {
        let now = Date()
        try await schema.client.transaction { connection in
            try Timers.schedule([
                ScheduledTimer(kind: "k", key: "x", dueAt: now.addingTimeInterval(100)),
                ScheduledTimer(kind: "k", key: "x", dueAt: now.addingTimeInterval(200)),
            ], on: connection)
        }
        let listed = try await schema.client.withConnection { try Timers.list(on: $0) }
        XCTAssertEqual(listed.count, 1)
        XCTAssertEqual(listed[0].dueAt.timeIntervalSince1970, now.addingTimeInterval(200).timeIntervalSince1970, accuracy: 0.000_001)
    }

    func testAKeyConditionSchedulesOnlyTheTimersOfRowsInsertedEarlierInThePipeline() async throws {
        let inAnHour = Date().addingTimeInterval(3600)
        try await schema.client.withConnection { connection in
            _ = try connection.execute("CREATE TABLE tasks (task_id text PRIMARY KEY)")
        }
        try await schema.client.transaction { connection in
            _ = try connection.pipeline([
                PostgresStatement(
                    "INSERT INTO tasks SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", [PostgresArray(["new", "other"])]),
            ] + Timers.scheduleStatements(
                ["new", "other", "missing"].map { ScheduledTimer(kind: "remind", key: $0, dueAt: inAnHour) }, now: Date(),
                keyCondition: "EXISTS (SELECT 1 FROM tasks WHERE task_id = s.key)"))
        }
        let listed = try await schema.client.withConnection { try Timers.list(on: $0) }
        XCTAssertEqual(listed.map(\.key).sorted(), ["new", "other"], "no timer for a key the condition does not hold for")
    }

    // MARK: Firing

    func testTwoReplicasFireTenThousandDueTimersEachExactlyOnce() async throws {
        let now = Date()
        let count = 10_000
        try await schema.client.transaction { [timers = timers(count: count) { now.addingTimeInterval(-Double($0) / 1000) }] in
            try Timers.schedule(timers, on: $0)
        }
        let replicas = [startReplica(.init(batchSize: 250)), startReplica(.init(batchSize: 250))]
        try await waitUntil("all timers fired", timeout: .seconds(120)) { try await pendingCount() == 0 }
        for replica in replicas { await replica.stop() }

        let effects = try await schema.count("SELECT count(*) FROM timer_effects")
        let distinct = try await schema.count("SELECT count(DISTINCT key) FROM timer_effects")
        let events = try await schema.count("SELECT count(*) FROM outbox WHERE type = 'test.timer.fired'")
        XCTAssertEqual(effects, count, "one effect per timer")
        XCTAssertEqual(distinct, count, "every timer fired")
        XCTAssertEqual(events, count, "one event per timer in the outbox")
        let batches = handler.batchSizes.withLock { $0 }
        XCTAssertLessThanOrEqual(batches.max() ?? 0, 250, "bounded batches")
    }

    func testOverdueTimersFireOldestFirstInBoundedBatches() async throws {
        let now = Date()
        // Scheduled newest first, so the order must come from the due times.
        try await schema.client.transaction { [timers = timers(count: 350) { now.addingTimeInterval(-3600 + Double(350 - $0)) }] in
            try Timers.schedule(timers, on: $0)
        }
        let replica = startReplica(.init(batchSize: 100))
        try await waitUntil("all timers fired") { try await pendingCount() == 0 }
        await replica.stop()
        let ordered = try await schema.client.withConnection {
            try $0.query("SELECT due_at FROM timer_effects ORDER BY seq").map { try $0.decode(Date.self, at: 0) }
        }
        XCTAssertEqual(ordered.count, 350)
        XCTAssertEqual(ordered, ordered.sorted(), "oldest first")
        XCTAssertEqual(handler.batchSizes.withLock { $0 }, [100, 100, 100, 50])
    }

    func testAnIdleReplicaIsWokenByATimerScheduledOnAnotherConnection() async throws {
        let idle = startReplica()
        // Let it find nothing and go to sleep (for the maximum, 60 s).
        try await Task.sleep(for: .milliseconds(300))
        var lags: [Double] = []
        for round in 0..<3 {
            let due = Date().addingTimeInterval(0.2)
            try await schema.client.transaction {
                try Timers.schedule(ScheduledTimer(kind: "soon", key: "r\(round)", dueAt: due), on: $0)
            }
            try await waitUntil("the timer fired", timeout: .seconds(5)) {
                try await schema.count("SELECT count(*) FROM timer_effects WHERE key = $1", ["r\(round)"]) == 1
            }
            let firedAt = try await schema.client.withConnection {
                try $0.query("SELECT fired_at FROM timer_effects WHERE key = $1", ["r\(round)"])[0].decode(Date.self, at: 0)
            }
            lags.append(firedAt.timeIntervalSince(due))
        }
        await idle.stop()
        for lag in lags {
            XCTAssertGreaterThanOrEqual(lag, 0, "not before it was due")
            XCTAssertLessThan(lag, 0.1, "fired within 100 ms of its due time (lags: \(lags))")
        }
    }

    func testARecurringTimerScheduledByItsHandlerFiresAgain() async throws {
        handler.followUps.withLock { $0["tick"] = ScheduledTimer(kind: "tick", key: "tick-2", dueAt: Date().addingTimeInterval(0.3)) }
        try await schema.client.transaction { try Timers.schedule(ScheduledTimer(kind: "tick", key: "tick", dueAt: Date()), on: $0) }
        let replica = startReplica()
        try await waitUntil("both fired", timeout: .seconds(5)) { try await schema.count("SELECT count(*) FROM timer_effects") == 2 }
        await replica.stop()
        let value1 = try await pendingCount()
        XCTAssertEqual(value1, 0)
    }

    func testAFailingTimerIsParkedWithItsErrorWithoutHoldingUpOthersAndRearmFiresIt() async throws {
        handler.failing.withLock { $0 = ["k1"] }
        try await schema.client.transaction { [timers = timers(count: 3) { _ in Date() }] in try Timers.schedule(timers, on: $0) }
        let replica = startReplica(.init(maximumAttempts: 3, failureBackoff: (.milliseconds(20), .milliseconds(100))))
        try await waitUntil("k1 parked", timeout: .seconds(10)) {
            try await schema.count("SELECT count(*) FROM timers WHERE parked_at IS NOT NULL") == 1
        }
        let fired = try await schema.client.withConnection {
            try $0.query("SELECT key FROM timer_effects ORDER BY key").map { try $0.decode(String.self, at: 0) }
        }
        XCTAssertEqual(fired, ["k0", "k2"], "the others fired")
        let parked = try await schema.client.withConnection { try Timers.list(parkedOnly: true, on: $0) }
        XCTAssertEqual(parked.map(\.key), ["k1"])
        XCTAssertEqual(parked.first?.attempts, 3)
        XCTAssertEqual(parked.first?.lastError, "simulated handler failure")

        // Parked: kept, not fired again.
        try await Task.sleep(for: .milliseconds(300))
        let value2 = try await schema.count("SELECT count(*) FROM timer_effects WHERE key = 'k1'")
        XCTAssertEqual(value2, 0)

        handler.failing.withLock { $0 = [] }
        let id = try XCTUnwrap(parked.first?.id)
        let notParked = try await schema.client.withConnection { try Timers.rearm(id: id + 1000, on: $0) }
        XCTAssertFalse(notParked, "only a parked timer is re-armed")
        let rearmed = try await schema.client.withConnection { try Timers.rearm(id: id, on: $0) }
        XCTAssertTrue(rearmed)
        try await waitUntil("k1 fired after re-arming", timeout: .seconds(5)) {
            try await schema.count("SELECT count(*) FROM timer_effects WHERE key = 'k1'") == 1
        }
        await replica.stop()
        let value3 = try await pendingCount()
        XCTAssertEqual(value3, 0)
    }

    func testAPostgresRestartIsSurvived() async throws {
        let replica = startReplica()
        try await schema.client.transaction { [timers = timers(count: 100) { _ in Date() }] in try Timers.schedule(timers, on: $0) }
        try await waitUntil("the first timers fired", timeout: .seconds(10)) { try await pendingCount() == 0 }

        try await stack.restartPostgres()
        // Timers scheduled after the restart, soon and at once, fire without restarting the loop.
        let after = [ScheduledTimer(kind: "after", key: "now", dueAt: Date()), ScheduledTimer(kind: "after", key: "soon", dueAt: Date().addingTimeInterval(0.5))]
        var scheduled = false
        for _ in 0..<50 where !scheduled {
            scheduled = (try? await schema.client.transaction { try Timers.schedule(after, on: $0) }) != nil
            if !scheduled { try await Task.sleep(for: .milliseconds(100)) }
        }
        XCTAssertTrue(scheduled)
        try await waitUntil("the timers after the restart fired", timeout: .seconds(15)) { try await pendingCount() == 0 }
        await replica.stop()
        let value4 = try await schema.count("SELECT count(*) FROM timer_effects")
        XCTAssertEqual(value4, 102)
        let value5 = try await schema.count("SELECT count(DISTINCT key) FROM timer_effects")
        XCTAssertEqual(value5, 102)
    }
}

/// kill -9 while a separate process fires: no timer lost, none with two effects.
final class TimerCrashTests: XCTestCase {
    private let logger: Logger = {
        var logger = Logger(label: "timer-crash-test")
        logger.logLevel = .warning
        return logger
    }()

    private func startProbe(_ stack: LocalStack, schema: String) throws -> Process {
        let process = Process()
        process.executableURL = ServiceProcess.buildDirectory.appendingPathComponent("TimerProbe")
        process.arguments = [stack.adminDatabaseURL, schema, "30"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func testKillingTheFiringProcessLosesNoTimerAndDoublesNoEffect() async throws {
        let stack = try LocalStack.fromEnvironment()
        let schema = try await ScratchSchema.create(on: stack, logger: logger)
        defer { Task { [schema] in await schema.client.close() } }
        try await schema.client.withConnection { _ = try $0.execute(RecordingTimerHandler.migration) }
        let total = 3000
        let now = Date()
        let timers = (0..<total).map { ScheduledTimer(kind: "crash", key: "k\($0)", dueAt: now.addingTimeInterval(-Double($0) / 1000)) }
        try await schema.client.transaction { try Timers.schedule(timers, on: $0) }

        func invariant(_ stage: String) async throws -> Int {
            let effects = try await schema.count("SELECT count(*) FROM timer_effects")
            let distinct = try await schema.count("SELECT count(DISTINCT key) FROM timer_effects")
            let pending = try await schema.count("SELECT count(*) FROM timers")
            let events = try await schema.count("SELECT count(*) FROM outbox")
            XCTAssertEqual(effects, distinct, "\(stage): no timer has two effects")
            XCTAssertEqual(effects + pending, total, "\(stage): no timer lost")
            XCTAssertEqual(events, effects, "\(stage): one event per effect")
            return effects
        }

        var kills = 0
        // Kill it three times mid-run (each after some more timers fired), then let it finish.
        for round in 1...3 {
            let probe = try startProbe(stack, schema: schema.name)
            let before = try await schema.count("SELECT count(*) FROM timer_effects")
            let deadline = ContinuousClock.now + .seconds(30)
            while try await schema.count("SELECT count(*) FROM timer_effects") < before + 400, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            kill(probe.processIdentifier, SIGKILL)
            probe.waitUntilExit()
            kills += 1
            // The server notices the closed socket and rolls the open transaction back.
            try await Task.sleep(for: .milliseconds(200))
            let fired = try await invariant("after kill \(round)")
            XCTAssertLessThan(fired, total, "killed while timers were left")
        }
        let probe = try startProbe(stack, schema: schema.name)
        let deadline = ContinuousClock.now + .seconds(60)
        while try await schema.count("SELECT count(*) FROM timers") > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(probe.processIdentifier, SIGKILL)
        probe.waitUntilExit()
        let fired = try await invariant("at the end")
        XCTAssertEqual(fired, total, "every timer fired, after \(kills) kills")
    }
}
