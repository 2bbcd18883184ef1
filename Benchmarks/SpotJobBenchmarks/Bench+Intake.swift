import AMQPClient
import Foundation
import JSON
import Messaging
import PostgresClient
import TestSupport

extension Bench {
    /// Intake end to end (sheet published → committed → `opening.registered` confirmed) against the
    /// raw broker pass-through; then latency at half that load, and intake's memory throughout. With
    /// `comparingTLS`, first intake over TLS (the stack's own URLs) against the same without TLS.
    func intake(latencyRate: Double?, comparingTLS: Bool) async throws {
        let count = messages
        let runID = "bench-\(UUID().uuidString.prefix(6).lowercased())"
        report.add("intake sheet size", "\(sheetBody(runID, 0).count) bytes")
        // Intake alone: the queues of the services that consume its events (matching, followup) would
        // store every event twice more, and may hold a backlog from earlier runs. They are deleted for
        // the run (and declared again when those services start).
        let queues = AMQPInspector(configuration: admin)
        for queue in ["matching", "followup"] { try? await queues.deleteQueue(queue) }
        await queues.close()
        report.add("intake measured alone", "matching and followup queues deleted for the run")

        let passRate = try await rawPassThroughRate((0..<count).map { sheetBody(runID, $0) })
        let loader = AMQPPublisher(configuration: admin, logger: logger)
        report.rate("raw pass-through (consume+ack+publish+confirm), best of 3", passRate)

        // Intake as the figures before TLS measured it (plain connections); with `comparingTLS`, first
        // over TLS (the stack's own URLs) and without in turns, twice each, the best of each compared.
        if comparingTLS {
            var best = (plain: 0.0, tls: 0.0)
            for round in 1...2 {
                for (transport, stack) in [("plain", stack), ("tls", tlsStack)] {
                    let run = try await registeringRate(runID: "\(runID)-\(transport)\(round)", on: stack, loader: loader)
                    await run.intake.stop()
                    _ = await run.memory.stop()
                    if transport == "tls" { best.tls = max(best.tls, run.rate) } else { best.plain = max(best.plain, run.rate) }
                }
            }
            report.rate("intake end to end, plain AMQP and PostgreSQL, best of 2", best.plain, reference: passRate)
            report.rate("intake end to end over TLS (amqps://, sslmode=verify-full), best of 2", best.tls, reference: best.plain, target: 0.8)
        }
        let (intakeRate, intake, memory) = try await registeringRate(runID: runID, on: stack, loader: loader)
        defer { intake.signal(SIGKILL) }
        report.rate("intake end to end (sheet → commit → event confirmed)", intakeRate, reference: passRate, target: 0.5)

        let observer = try EventObserver(stack: stack, routingKeys: ["opening.registered"], logger: logger)
        await observer.start()

        // Latency at half the measured rate (unless told otherwise), for about eight seconds.
        let halfRate = latencyRate ?? max(intakeRate / 2, 50)
        try await checkpoint()
        let latencyRun = "\(runID)-lat"
        let (sent, collected) = try await pacedSheets(
            rate: halfRate, seconds: 8, sheet: { sheetBody(latencyRun, $0) }, observer: observer, publisher: loader,
            collector: RegisteredCollector(runID: latencyRun))
        let samples = collected.received.map { index, event in
            LatencySample(
                total: Double((event.at - sent[index].at) / .microseconds(1)) / 1000,
                toHandled: event.handled.timeIntervalSince(sent[index].wall) * 1000,
                toEvent: event.wall.timeIntervalSince(event.handled) * 1000)
        }
        let total = samples.map(\.total)
        report.add("intake latency at \(Int(halfRate)) sheets/s: p50", String(format: "%.1f ms", Self.quantile(0.5, of: total)))
        report.add("intake latency at \(Int(halfRate)) sheets/s: p99", String(format: "%.1f ms", Self.quantile(0.99, of: total)), "",
                   Self.quantile(0.99, of: total) < 50 ? "< 50 ms met" : "< 50 ms MISSED")
        for (part, values) in [("published → handled", samples.map(\.toHandled)), ("handled → event received", samples.map(\.toEvent))] {
            report.add("  of which \(part): p50 / p99",
                       String(format: "%.1f / %.1f ms", Self.quantile(0.5, of: values), Self.quantile(0.99, of: values)))
        }
        report.add("intake latency samples", "\(samples.count)")
        let peak = await memory.stop()
        report.memory("intake peak resident memory", bytes: peak)
        await intake.stop()
        await observer.close()
        await loader.close()
    }

    /// Starts intake on `stack`, fills its queue with `messages` sheets of `runID` while it is
    /// paused, then releases it: the rate at which it registers them, each checked to have its
    /// opening; intake keeps running, sampled by `memory`.
    private func registeringRate(
        runID: String, on stack: LocalStack, loader: AMQPPublisher
    ) async throws -> (rate: Double, intake: ServiceProcess, memory: MemorySampler) {
        let count = messages
        let intake = try ServiceProcess(service: "intake", stack: stack, environment: ["LOG_LEVEL": "warning"])
        try await intake.waitUntilStarted()
        let memory = MemorySampler(intake)
        intake.signal(SIGSTOP)
        try await loader.publish((0..<count).map { sheetMessage(sheetBody(runID, $0)) })
        try await checkpoint()
        // Done when intake's relay has had every `opening.registered` confirmed (read from its
        // /metrics, so that watching costs the database nothing); then every sheet must have its opening.
        let rate = try await measureRate(count) {
            intake.signal(SIGCONT)
            while await intake.publishedEvents(of: "opening.registered") < count {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let database = PostgresClient(configuration: .init(url: stack.databaseURL(service: "intake")), logger: logger)
        let openings = try await database.withConnection { [runID] in
            try $0.query("SELECT count(*) FROM openings WHERE source = $1", [runID])[0].decode(Int.self, at: 0)
        }
        await database.close()
        if openings != count { throw BenchmarkError("intake: \(openings) openings for \(count) sheets") }
        return (rate, intake, memory)
    }

    /// One sheet's latency in milliseconds: publish to event received, split at the moment intake
    /// handled it (the event's `registeredAt`, wall clock, millisecond precision).
    struct LatencySample {
        var total: Double
        var toHandled: Double
        var toEvent: Double
    }

    /// The `opening.registered` of each sheet of a latency run, with when intake handled it (the
    /// event's `registeredAt`, wall clock, millisecond precision).
    struct RegisteredCollector: SheetEventCollector {
        let runID: String
        var received: [Int: (at: ContinuousClock.Instant, wall: Date, handled: Date)] = [:]

        mutating func receive(_ delivery: Delivery, at: ContinuousClock.Instant, wall: Date) {
            guard let body = try? JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any],
                  let index = (body["sheetId"] as? String).flatMap({ Bench.sheetIndex($0, runID: runID) }),
                  let handled = (body["registeredAt"] as? String).flatMap(RFC3339.date(from:))
            else { return }
            received[index] = received[index] ?? (at, wall, handled)
        }

        func isComplete(total: Int) -> Bool { received.count >= total }
    }
}

extension ServiceProcess {
    /// How many events of `type` the service has published with a broker confirm, from its `/metrics`.
    func publishedEvents(of type: String) async -> Int {
        let line = "spotjob_messages_published_total{type=\"\(type)\"} "
        let metrics = await get("/metrics").body
        return metrics.split(separator: "\n").lazy.filter { $0.hasPrefix(line) }.compactMap { Int($0.dropFirst(line.count)) }.first ?? 0
    }
}

/// Samples a process's resident memory every 50 ms and keeps the peak.
final class MemorySampler: Sendable {
    private let task: Task<Int, Never>

    init(_ process: ServiceProcess) {
        nonisolated(unsafe) let process = process
        task = Task {
            var peak = 0
            while !Task.isCancelled {
                peak = max(peak, process.residentMemory ?? 0)
                try? await Task.sleep(for: .milliseconds(50))
            }
            return peak
        }
    }

    func stop() async -> Int {
        task.cancel()
        return await task.value
    }
}
