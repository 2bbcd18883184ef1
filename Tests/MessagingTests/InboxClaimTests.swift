import Foundation
import Logging
@testable import Messaging
import PostgresClient
import TestSupport
import XCTest

/// Two replicas got copies of one message: the inbox claim decides which one handles it.
final class InboxClaimTests: XCTestCase {
    private let logger = Logger(label: "inbox-test")
    private var schema: ScratchSchema!
    private var replica: PostgresClient!
    private let envelope = Envelope(type: "test.claim", producer: "inbox-test", body: Array("{}".utf8))

    override func setUp() async throws {
        let stack = try LocalStack.fromEnvironment()
        schema = try await ScratchSchema.create(on: stack, logger: logger)
        replica = schema.newClient(on: stack, logger: logger)
    }

    override func tearDown() async throws {
        await replica?.close()
        await schema?.client.close()
    }

    /// The first claim holds its transaction open for `holdFor`, then commits or (if `rollBack`) rolls
    /// back; the second claim starts meanwhile. Returns both claims' results and how long the second waited.
    private func claimConcurrently(holdFor hold: Duration, rollBack: Bool) async throws -> (first: Set<UUID>?, second: Set<UUID>, waited: Duration) {
        struct RolledBack: Error {}
        let envelope = self.envelope
        let first = Task { [schema] in
            try await schema!.client.transaction { connection in
                let claimed = try Inbox.claim([(envelope, .handled)], on: connection)
                Thread.sleep(forTimeInterval: Double(hold / .milliseconds(1)) / 1000)
                if rollBack { throw RolledBack() }
                return claimed
            }
        }
        try await Task.sleep(for: hold / 4)
        let started = ContinuousClock.now
        let second = try await replica.transaction { try Inbox.claim([(envelope, .handled)], on: $0) }
        return (try? await first.value, second, ContinuousClock.now - started)
    }

    func testAClaimWaitsForAConcurrentOneAndIsADuplicateWhenThatCommits() async throws {
        let (first, second, waited) = try await claimConcurrently(holdFor: .milliseconds(600), rollBack: false)

        XCTAssertEqual(first, [envelope.messageID], "the first replica handles the message")
        XCTAssertEqual(second, [], "the second replica sees a duplicate")
        XCTAssertGreaterThan(waited, .milliseconds(300), "it waited for the first transaction")
        let outcomes = try await replica.withConnection { [envelope] in try Inbox.outcomes(of: [envelope.messageID], on: $0) }
        XCTAssertEqual(outcomes, [envelope.messageID: .handled])
    }

    func testAClaimRolledBackLeavesTheMessageToTheOtherReplica() async throws {
        let (first, second, _) = try await claimConcurrently(holdFor: .milliseconds(400), rollBack: true)

        XCTAssertNil(first, "the first transaction rolled back")
        XCTAssertEqual(second, [envelope.messageID], "the second replica handles the message")
    }

    func testARejectionIsRecordedWithItsReason() async throws {
        try await schema.client.transaction { [envelope] connection in
            _ = try Inbox.claim([(envelope, .handled)], on: connection)
            _ = try connection.pipeline([Inbox.rejectStatement(envelope.messageID, reason: "sheetId missing")])
        }
        let outcomes = try await replica.withConnection { [envelope] in try Inbox.outcomes(of: [envelope.messageID], on: $0) }
        XCTAssertEqual(outcomes, [envelope.messageID: .rejected(reason: "sheetId missing")])
    }
}
