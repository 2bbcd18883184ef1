import Foundation
import PostgresClient
import XCTest

/// LISTEN/NOTIFY: a dedicated listening session waits in poll() on its own thread.
final class ListenTests: XCTestCase {
    private func listener(_ schema: TestSchema) -> PostgresListener {
        PostgresListener(
            configuration: PostgresConfiguration(url: schema.stack.adminDatabaseURL, applicationName: "ListenTests"),
            logger: TestSchema.logger)
    }

    func testANotificationFromAnotherSessionWakesTheWaitWithItsPayload() async throws {
        try await TestSchema.with { schema in
            let listener = listener(schema)
            try await listener.listen("test.\(schema.name)")
            let wake1 = try await listener.wait(timeout: .zero)
            XCTAssertEqual(wake1, .timedOut, "connected by listen, nothing sent yet")
            let started = ContinuousClock.now
            let notifier = Task {
                try await Task.sleep(for: .milliseconds(200))
                try await schema.client.withConnection { [name = schema.name] in
                    _ = try $0.execute("SELECT pg_notify($1, 'hello')", ["test.\(name)"])
                }
            }
            let wake = try await listener.wait(timeout: .seconds(10))
            let waited = ContinuousClock.now - started
            try await notifier.value
            guard case .notified(let notifications) = wake else { return XCTFail("notified, got \(wake)") }
            XCTAssertEqual(notifications.map(\.payload), ["hello"])
            XCTAssertEqual(notifications.first?.channel, "test.\(schema.name)")
            XCTAssertGreaterThan(waited, .milliseconds(150))
            XCTAssertLessThan(waited, .seconds(2), "woken by the notification, not the timeout")
            await listener.close()
        }
    }

    func testANotificationIsDeliveredOnlyWhenItsTransactionCommits() async throws {
        try await TestSchema.with { schema in
            let listener = listener(schema)
            let channel = "test.\(schema.name)"
            try await listener.listen(channel)
            struct RolledBack: Error {}
            _ = try? await schema.client.transaction { try $0.execute("SELECT pg_notify($1, 'rolled back')", [channel]); throw RolledBack() }
            let wake2 = try await listener.wait(timeout: .milliseconds(300))
            XCTAssertEqual(wake2, .timedOut)
            try await schema.client.transaction { _ = try $0.execute("SELECT pg_notify($1, 'committed')", [channel]) }
            let wake3 = try await listener.wait(timeout: .seconds(5))
            XCTAssertEqual(wake3.payloads, ["committed"])
            await listener.close()
        }
    }

    func testAWaitTimesOutOnTimeWithoutSpinning() async throws {
        try await TestSchema.with { schema in
            let listener = listener(schema)
            try await listener.listen("test.\(schema.name)")
            let cpuBefore = processCPUSeconds()
            let started = ContinuousClock.now
            let wake4 = try await listener.wait(timeout: .milliseconds(500))
            XCTAssertEqual(wake4, .timedOut)
            let waited = ContinuousClock.now - started
            XCTAssertGreaterThanOrEqual(waited, .milliseconds(495))
            XCTAssertLessThan(waited, .milliseconds(800))
            XCTAssertLessThan(processCPUSeconds() - cpuBefore, 0.1, "the wait sleeps in poll()")
            await listener.close()
        }
    }

    func testInterruptEndsAWaitAtOnce() async throws {
        try await TestSchema.with { schema in
            let listener = listener(schema)
            try await listener.listen("test.\(schema.name)")
            let started = ContinuousClock.now
            Task {
                try await Task.sleep(for: .milliseconds(100))
                listener.interrupt()
            }
            let wake5 = try await listener.wait(timeout: .seconds(10))
            XCTAssertEqual(wake5, .interrupted)
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
            await listener.close()
        }
    }

    func testAfterTheSessionIsKilledTheListenerReconnectsAndListensAgain() async throws {
        try await TestSchema.with { schema in
            let listener = listener(schema)
            let channel = "test.\(schema.name)"
            try await listener.listen(channel)
            _ = try await listener.wait(timeout: .zero)
            try await schema.client.withConnection {
                _ = try $0.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ListenTests' AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'")
            }
            do {
                let wake = try await listener.wait(timeout: .seconds(5))
                XCTFail("the connection was lost, got \(wake)")
            } catch let error as PostgresError {
                XCTAssertEqual(error.kind, .connectionLost)
            }
            let wake6 = try await listener.wait(timeout: .seconds(5))
            XCTAssertEqual(wake6, .reconnected)
            try await schema.client.withConnection { _ = try $0.execute("SELECT pg_notify($1, 'again')", [channel]) }
            let wake7 = try await listener.wait(timeout: .seconds(5))
            XCTAssertEqual(wake7.payloads, ["again"])
            await listener.close()
        }
    }
}

extension PostgresListener.Wake {
    var payloads: [String] {
        if case .notified(let notifications) = self { notifications.map(\.payload) } else { [] }
    }
}

/// The process's user + system CPU time, from /proc/self/stat (clock ticks of 1/100 s).
func processCPUSeconds() -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // After the command: state is field 3, utime 14, stime 15 (1-based) → indexes 11 and 12 here.
    return (Double(fields[11]) ?? 0) / 100 + (Double(fields[12]) ?? 0) / 100
}
