import AMQPClient
import Logging
import PostgresClient
import TestSupport

/// Whether the system has settled: every service ready, nothing in the services' queues, outboxes
/// or due timers, and nothing arrived at the observer for a while.
struct Quiescence {
    let fleet: ServiceFleet
    let observer: ChaosObserver
    let stack: LocalStack
    let logger: Logger
    /// How long the observer must have received nothing.
    let idle: Duration = .seconds(3)

    /// Waits until the system is quiet in two probes a second apart; false if `deadline` came first.
    func wait(until deadline: ContinuousClock.Instant) async throws -> Bool {
        let database = PostgresClient(configuration: .init(url: stack.adminDatabaseURL, applicationName: "spotjob-chaos"), logger: logger)
        let inspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        defer { Task { await database.close(); await inspector.close() } }
        var quietBefore = false
        while ContinuousClock.now < deadline {
            let quiet = await isQuiet(database: database, inspector: inspector)
            if quiet, quietBefore { return true }
            quietBefore = quiet
            try await Task.sleep(for: .seconds(1))
        }
        return false
    }

    private func isQuiet(database: PostgresClient, inspector: AMQPInspector) async -> Bool {
        guard ContinuousClock.now - (await observer.lastArrival) >= idle else { return false }
        for service in ServiceFleet.services {
            guard (try? await fleet.waitUntilReady(service, timeout: .zero)) != nil else { return false }
        }
        for service in ServiceFleet.services {
            guard (try? await inspector.messageCount(queue: service)) == 0 else { return false }
        }
        let pending = try? await database.withConnection { connection in
            try ServiceFleet.services.reduce(0) { total, schema in
                total + (try connection.query(
                    """
                    SELECT (SELECT count(*) FROM \(schema).outbox)
                         + (SELECT count(*) FROM \(schema).timers WHERE fire_at <= now() AND parked_at IS NULL)
                    """)[0].decode(Int.self, at: 0))
            }
        }
        return pending == 0
    }
}
