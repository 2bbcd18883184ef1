import AMQPClient
import Foundation
import Logging
import Messaging
import PostgresClient
import TestSupport

/// Sends the plan: its primary inputs paced evenly over `pace`, and each dependent input as soon as
/// the ids it needs exist in the services' schemas. Publishes with confirms as the least-privileged
/// users; a batch that fails (broker restarting, connection lost) is published again, with the
/// same message ids, until confirmed. A message counts as sent only once confirmed.
struct ChaosDriver {
    let plan: ChaosPlan
    let stack: LocalStack
    let logger: Logger

    /// What was sent, and what could not be by the deadline.
    struct Result: Sendable {
        var confirmed: Set<UUID> = []
        /// Inputs not confirmed by the deadline (a dependent whose prerequisite never appeared, a
        /// batch the broker never confirmed), per routing key.
        var unsent: [String: Int] = [:]
        /// Publish attempts that failed and were retried.
        var republishedBatches = 0
    }

    func run(pace: Duration, until deadline: ContinuousClock.Instant) async throws -> Result {
        var publishers: [Sender: AMQPPublisher] = [
            .eventTooling: AMQPPublisher(configuration: try AMQPConfiguration(url: stack.eventToolingAMQPURL), logger: logger),
            .contracts: AMQPPublisher(configuration: try AMQPConfiguration(url: stack.contractsAMQPURL), logger: logger),
        ]
        for kommunekode in Sender.tenants {
            let variable = "JOBCENTER_\(kommunekode)_AMQP_URL"
            guard let url = ProcessInfo.processInfo.environment[variable] else { throw MissingJobcenterURL(variable: variable) }
            publishers[.tenant(kommunekode)] = AMQPPublisher(configuration: try AMQPConfiguration(url: url), logger: logger)
        }
        let database = PostgresClient(configuration: .init(url: stack.adminDatabaseURL, applicationName: "spotjob-chaos"), logger: logger)
        var result = Result()
        var pending = plan.dependents
        var next = 0
        let start = ContinuousClock.now
        while ContinuousClock.now < deadline, next < plan.primaries.count || !pending.isEmpty {
            let share = min(1, (ContinuousClock.now - start) / pace)
            let due = min(plan.primaries.count, Int((Double(plan.primaries.count) * share).rounded(.up)))
            var batch = Array(plan.primaries[next..<due])
            next = due
            // While PostgreSQL restarts nothing is known, and the dependents wait for the next round.
            let known = pending.isEmpty ? KnownIDs()
                : (try? await database.withConnection { try KnownIDs.read(prefix: plan.prefix, on: $0) }) ?? KnownIDs()
            batch += pending.filter { known.satisfies($0.prerequisite) }
            pending.removeAll { known.satisfies($0.prerequisite) }
            try await publish(batch, known: known, with: publishers, until: deadline, into: &result)
            try await Task.sleep(for: .milliseconds(250))
        }
        for input in plan.primaries + plan.dependents where !result.confirmed.contains(input.messageID) {
            result.unsent[input.routingKey, default: 0] += 1
        }
        for publisher in publishers.values { await publisher.close() }
        await database.close()
        return result
    }

    /// Publishes `batch` per sender until every message is confirmed or the deadline passed.
    private func publish(
        _ batch: [ChaosInput], known: KnownIDs, with publishers: [Sender: AMQPPublisher],
        until deadline: ContinuousClock.Instant, into result: inout Result
    ) async throws {
        for (sender, publisher) in publishers {
            let inputs = batch.filter { $0.sender == sender }
            guard !inputs.isEmpty else { continue }
            let messages = try inputs.map { input in
                Envelope(messageID: input.messageID, type: input.routingKey, producer: "spotjob-chaos", body: try input.body(known))
                    .outgoing(exchange: SpotJobTopology.exchange)
            }
            while true {
                do {
                    try await publisher.publish(messages)
                    result.confirmed.formUnion(inputs.map(\.messageID))
                    break
                } catch {
                    result.republishedBatches += 1
                    logger.notice("publish failed; publishing the batch again", metadata: ["error": "\(error)", "messages": "\(messages.count)"])
                    guard ContinuousClock.now < deadline else { break }
                    try await Task.sleep(for: .milliseconds(500))
                }
            }
        }
    }
}

/// A jobcenter's broker URL is not in the environment.
struct MissingJobcenterURL: Error, CustomStringConvertible {
    var variable: String

    var description: String { "set \(variable), as `source <(bash deploy/local-stack.sh env)` does" }
}
