import Foundation
@testable import Messaging
import PostgresClient
import XCTest

/// The consumer's retry decisions for one lane's commit, stepped through without a database.
final class BatchCommitStateMachineTests: XCTestCase {
    private let lost = BatchFailure.transient(description: "PostgresError(connectionLost): server closed the connection")
    private let cast = BatchFailure.permanent(description: "PostgresError(other, SQLSTATE 22P02)")

    /// A schedule without jitter: 100 ms, 200 ms, 400 ms, … capped at 4 s, 10 attempts.
    private func machine() -> BatchCommitStateMachine {
        BatchCommitStateMachine(schedule: RetrySchedule(jitter: { 0 }))
    }

    func testTheFirstAttemptAppliesTheWholeBatchAndSucceeds() {
        var machine = machine()
        XCTAssertEqual(machine.start(), .apply(mode: .batch, excluding: [:]))
        XCTAssertFalse(machine.isFinished)
        machine.succeeded()
        XCTAssertTrue(machine.isFinished)
        XCTAssertEqual(machine.attempts, 0)
    }

    func testAMessageFailureExcludesThatMessageAndAppliesAgainAtOnce() {
        var machine = machine()
        let id = UUID()
        _ = machine.start()
        let action = machine.failed(.messageFailure(id: id, reason: "handler failed: Boom()"))
        XCTAssertEqual(action, .apply(mode: .batch, excluding: [id: "handler failed: Boom()"]))
        XCTAssertEqual(machine.attempts, 0, "excluding a message is not a retry")
        machine.succeeded()
        XCTAssertTrue(machine.isFinished)
    }

    func testAPermanentErrorSwitchesToOneByOneWhichFindsTheMessageAndThenSucceeds() {
        var machine = machine()
        let id = UUID()
        _ = machine.start()
        XCTAssertEqual(machine.failed(cast), .apply(mode: .oneByOne, excluding: [:]))
        XCTAssertEqual(machine.mode, .oneByOne)
        let reason = "handler failed: \(cast)"
        XCTAssertEqual(machine.failed(.messageFailure(id: id, reason: reason)), .apply(mode: .oneByOne, excluding: [id: reason]))
        XCTAssertEqual(machine.excluded, [id: reason])
        machine.succeeded()
        XCTAssertTrue(machine.isFinished)
        XCTAssertEqual(machine.attempts, 0)
    }

    func testExcludedMessagesAreKeptAcrossModeSwitchAndRetries() {
        var machine = machine()
        let (first, second) = (UUID(), UUID())
        _ = machine.start()
        _ = machine.failed(.messageFailure(id: first, reason: "one"))
        _ = machine.failed(cast)
        _ = machine.failed(.messageFailure(id: second, reason: "two"))
        XCTAssertEqual(machine.failed(lost), .wait(.milliseconds(100)))
        XCTAssertEqual(machine.retryDue(), .apply(mode: .oneByOne, excluding: [first: "one", second: "two"]))
    }

    func testTransientErrorsWaitPerTheScheduleThenGiveUpWithTheReason() {
        var machine = machine()
        XCTAssertEqual(machine.start(), .apply(mode: .batch, excluding: [:]))
        var delays: [Duration] = []
        while case .wait(let delay) = machine.failed(lost) {
            delays.append(delay)
            XCTAssertEqual(machine.attempts, delays.count)
            XCTAssertEqual(machine.retryDue(), .apply(mode: .batch, excluding: [:]), "a transient error keeps the mode")
        }
        XCTAssertEqual(delays, [100, 200, 400, 800, 1600, 3200, 4000, 4000, 4000].map { .milliseconds($0) })
        XCTAssertEqual(machine.attempts, 10)
        XCTAssertTrue(machine.isFinished)
    }

    func testGivingUpNamesTheAttemptsAndTheLastError() {
        var machine = BatchCommitStateMachine(schedule: RetrySchedule(maximumAttempts: 2, jitter: { 0 }))
        _ = machine.start()
        XCTAssertEqual(machine.failed(lost), .wait(.milliseconds(100)))
        _ = machine.retryDue()
        let last = BatchFailure.transient(description: "PostgresError(serializationFailure, SQLSTATE 40001)")
        XCTAssertEqual(machine.failed(last), .giveUp(reason: "gave up after 2 attempts: PostgresError(serializationFailure, SQLSTATE 40001)"))
        XCTAssertTrue(machine.isFinished)
    }

    func testAPermanentErrorOneByOneIsRetriedLikeATransientOne() {
        var machine = BatchCommitStateMachine(schedule: RetrySchedule(maximumAttempts: 2, jitter: { 0 }))
        _ = machine.start()
        _ = machine.failed(cast)
        XCTAssertEqual(machine.failed(cast), .wait(.milliseconds(100)))
        XCTAssertEqual(machine.retryDue(), .apply(mode: .oneByOne, excluding: [:]))
        XCTAssertEqual(machine.failed(cast), .giveUp(reason: "gave up after 2 attempts: PostgresError(other, SQLSTATE 22P02)"))
    }

    func testTheJitterShortensTheDelay() {
        var machine = BatchCommitStateMachine(schedule: RetrySchedule(jitter: { 0.5 }))
        _ = machine.start()
        XCTAssertEqual(machine.failed(lost), .wait(.milliseconds(90)), "up to 20 % off: half of it")
    }

    func testShuttingDownWhileWaitingRequeues() {
        var machine = machine()
        _ = machine.start()
        XCTAssertEqual(machine.failed(lost), .wait(.milliseconds(100)))
        XCTAssertEqual(machine.shuttingDown(), .requeue)
        XCTAssertTrue(machine.isFinished)
    }

    func testAnErrorIsClassifiedByWhatRetryingCanDo() {
        let id = UUID()
        XCTAssertEqual(
            BatchFailure(BatchTransaction.MessageFailure(messageID: id, reason: "handler failed: x")),
            .messageFailure(id: id, reason: "handler failed: x"))
        for kind in [PostgresError.Kind.connectionLost, .serializationFailure, .deadlockDetected, .uniqueViolation] {
            let error = PostgresError(kind: kind, message: "m")
            XCTAssertEqual(BatchFailure(error), .transient(description: "\(error)"), "\(kind)")
        }
        for kind in [PostgresError.Kind.other, .invalidParameter] {
            let error = PostgresError(kind: kind, message: "m")
            XCTAssertEqual(BatchFailure(error), .permanent(description: "\(error)"), "\(kind)")
        }
        struct Boom: Error {}
        XCTAssertEqual(BatchFailure(Boom()), .permanent(description: "Boom()"))
    }
}
