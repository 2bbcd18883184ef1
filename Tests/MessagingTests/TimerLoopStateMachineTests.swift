import Foundation
import Messaging
import TestSupport
import XCTest

/// The timer loop's decisions, driven with a test clock and no database.
final class TimerLoopStateMachineTests: XCTestCase {
    private let clock = TestTimerClock()
    private var configuration = TimerLoopStateMachine.Configuration(
        batchSize: 100, maximumSleep: .seconds(30), contendedDelay: .milliseconds(25), maximumAttempts: 3,
        failureBackoff: (.seconds(1), .seconds(10)))

    private func timer(_ id: Int64, attempts: Int = 0) -> DueTimer {
        DueTimer(id: id, kind: "test", key: "k\(id)", dueAt: clock.now(), payload: .init("{}"), attempts: attempts)
    }

    func testStartClaimsOverdueTimersAtOnce() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        XCTAssertEqual(machine.start(now: clock.now()), .claim(dueBy: clock.now(), limit: 100))
    }

    func testAFullBatchIsFollowedByAnotherClaimWithoutSleeping() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        clock.advance(by: .milliseconds(40))
        XCTAssertEqual(machine.fired(count: 100, earliest: nil, now: clock.now()), .claim(dueBy: clock.now(), limit: 100))
    }

    func testSleepsUntilTheEarliestDueTimer() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        let due = clock.now().addingTimeInterval(2.5)
        XCTAssertEqual(machine.fired(count: 3, earliest: due, now: clock.now()), .wait(until: due, timeout: .milliseconds(2500)))
    }

    func testSleepsAtMostTheMaximumWhenNothingIsDueSoonOrPending() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        let inAWeek = clock.now().addingTimeInterval(7 * 86_400)
        XCTAssertEqual(machine.fired(count: 0, earliest: inAWeek, now: clock.now()), .wait(until: inAWeek, timeout: .seconds(30)))
        clock.advance(by: .seconds(30))
        XCTAssertEqual(machine.wokeUp(.timedOut, now: clock.now()), .claim(dueBy: clock.now(), limit: 100), "looks again after the maximum")
        XCTAssertEqual(machine.fired(count: 0, earliest: nil, now: clock.now()), .wait(until: nil, timeout: .seconds(30)))
    }

    func testTheMaximumSleepNeverExceedsTheNotificationHorizon() {
        let machine = TimerLoopStateMachine(configuration: .init(maximumSleep: .seconds(3600)))
        XCTAssertEqual(machine.configuration.maximumSleep, Timers.notifyHorizon)
    }

    func testANotificationOfAnEarlierTimerShortensTheSleep() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        let later = clock.now().addingTimeInterval(20)
        _ = machine.fired(count: 0, earliest: later, now: clock.now())
        clock.advance(by: .seconds(1))
        let sooner = clock.now().addingTimeInterval(0.2)
        XCTAssertEqual(machine.wokeUp(.notified(earliest: sooner), now: clock.now()), .wait(until: sooner, timeout: .milliseconds(200)))
    }

    func testANotificationOfALaterTimerKeepsTheSleepWithoutTouchingTheDatabase() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        let due = clock.now().addingTimeInterval(10)
        _ = machine.fired(count: 0, earliest: due, now: clock.now())
        clock.advance(by: .seconds(4))
        XCTAssertEqual(
            machine.wokeUp(.notified(earliest: due.addingTimeInterval(5)), now: clock.now()), .wait(until: due, timeout: .seconds(6)))
    }

    func testANotificationOfATimerDueNowClaims() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        _ = machine.fired(count: 0, earliest: nil, now: clock.now())
        XCTAssertEqual(machine.wokeUp(.notified(earliest: clock.now()), now: clock.now()), .claim(dueBy: clock.now(), limit: 100))
    }

    func testAReconnectLooksAgainSinceNotificationsMayHaveBeenMissed() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        _ = machine.fired(count: 0, earliest: nil, now: clock.now())
        XCTAssertEqual(machine.wokeUp(.reconnected, now: clock.now()), .claim(dueBy: clock.now(), limit: 100))
    }

    func testDueTimersHeldByAnotherReplicaAreLookedAtAgainShortly() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        let overdue = clock.now().addingTimeInterval(-1)
        XCTAssertEqual(
            machine.fired(count: 0, earliest: overdue, now: clock.now()),
            .wait(until: clock.now().addingTimeInterval(0.025), timeout: .milliseconds(25)))
        XCTAssertEqual(machine.fired(count: 5, earliest: overdue, now: clock.now()), .claim(dueBy: clock.now(), limit: 100),
                       "after firing some, due ones are claimed at once")
    }

    func testTransientFailuresBackOffExponentiallyAndResetAfterSuccess() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        var delays: [Duration] = []
        for _ in 1...4 {
            guard case .backoff(let delay) = machine.databaseFailed(now: clock.now()) else { return XCTFail("backoff") }
            delays.append(delay)
            XCTAssertEqual(machine.backoffElapsed(now: clock.now()), .claim(dueBy: clock.now(), limit: 100))
        }
        XCTAssertEqual(delays, [.milliseconds(90), .milliseconds(180), .milliseconds(360), .milliseconds(720)])
        _ = machine.fired(count: 1, earliest: nil, now: clock.now())
        XCTAssertEqual(machine.databaseFailed(now: clock.now()), .backoff(.milliseconds(90)))
    }

    func testAFailedBatchIsFiredOneTimerAtATimeAndTheFailingOneIsRetriedLater() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        let failedAt = clock.now()
        XCTAssertEqual(machine.handlerFailed([timer(1), timer(2), timer(3)], error: "boom", now: failedAt), .claimOne(id: 1, dueBy: failedAt))
        XCTAssertEqual(machine.fired(count: 1, earliest: nil, now: clock.now()), .claimOne(id: 2, dueBy: failedAt))
        XCTAssertEqual(
            machine.handlerFailed([timer(2)], error: "boom", now: clock.now()),
            .recordFailure(timer(2), error: "boom", retryAt: clock.now().addingTimeInterval(1), park: false))
        XCTAssertEqual(machine.failureRecorded(now: clock.now()), .claimOne(id: 3, dueBy: failedAt))
        XCTAssertEqual(machine.fired(count: 1, earliest: nil, now: clock.now()), .claim(dueBy: clock.now(), limit: 100),
                       "then back to batches")
    }

    func testATimerIsParkedAfterTheMaximumAttemptsWithBackoffBetween() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        XCTAssertEqual(
            machine.handlerFailed([timer(7, attempts: 1)], error: "boom", now: clock.now()),
            .recordFailure(timer(7, attempts: 1), error: "boom", retryAt: clock.now().addingTimeInterval(2), park: false))
        XCTAssertEqual(machine.failureRecorded(now: clock.now()), .claim(dueBy: clock.now(), limit: 100))
        guard case .recordFailure(_, _, _, let park) = machine.handlerFailed([timer(7, attempts: 2)], error: "boom", now: clock.now()) else {
            return XCTFail("records the failure")
        }
        XCTAssertTrue(park, "the third failure parks it")
        XCTAssertEqual((1...6).map(machine.failureDelay(afterAttempt:)), [1, 2, 4, 8, 10, 10].map { .seconds($0) })
    }

    func testATransientFailureWhileIsolatingGoesBackToBatches() {
        var machine = TimerLoopStateMachine(configuration: configuration)
        _ = machine.start(now: clock.now())
        _ = machine.handlerFailed([timer(1), timer(2)], error: "boom", now: clock.now())
        XCTAssertEqual(machine.databaseFailed(now: clock.now()), .backoff(.milliseconds(90)))
        XCTAssertEqual(machine.backoffElapsed(now: clock.now()), .claim(dueBy: clock.now(), limit: 100))
    }
}
