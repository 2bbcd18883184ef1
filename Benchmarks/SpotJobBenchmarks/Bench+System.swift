import AMQPClient
import Chronology
import Contracts
import Foundation
import JSON
import Messaging
import PostgresClient
import TestSupport

extension Bench {
    /// The four services together (issue 14): `sheets` sheets through intake → followup (task and
    /// its reminder committed, `followup.task-opened` confirmed) and → matching (proposals among `people`
    /// stored people, `match.proposed` confirmed), against the raw pass-through of the same sheets;
    /// latency from a sheet's publish to each event at half the slower path's rate; each service's
    /// peak resident memory over the whole run (billing runs idle beside them).
    ///
    /// Sheets carry today's `submittedAt`, so followup's contact timers lie ahead, as on the day of a
    /// meeting. Matching's state and the services' queues are emptied first (the stack holds
    /// backlogs of earlier runs), and matching's again at the end, as its own section does.
    func system(sheets count: Int, people: Int, latencyRate: Double?) async throws {
        let runID = "bench-\(UUID().uuidString.prefix(6).lowercased())"
        let submittedAt = ["submittedAt": RFC3339.format(Date())]
        let bodies = (0..<count).map { sheetBody(runID, $0, overriding: submittedAt) }
        report.add("system: sheet size", "\(bodies[0].count) bytes")
        let passRate = try await rawPassThroughRate(bodies)
        report.rate("raw pass-through (consume+ack+publish+confirm), best of 3", passRate)

        try await MatchingState.empty(on: stack, logger: logger)
        let queues = AMQPInspector(configuration: admin)
        for queue in [IntakeEvents.service, FollowupEvents.service, BillingEvents.service] { _ = try? await queues.purge(queue: queue) }
        await queues.close()

        let environments = [
            IntakeEvents.service: ["LOG_LEVEL": "warning"], FollowupEvents.service: ["LOG_LEVEL": "warning"],
            MatchingEvents.service: Self.matchingEnvironment(), BillingEvents.service: Self.billingEnvironment,
        ]
        let names = [IntakeEvents.service, FollowupEvents.service, MatchingEvents.service, BillingEvents.service]
        let services = try names.map { try ServiceProcess(service: $0, stack: stack, environment: environments[$0]!) }
        defer { for service in services { service.signal(SIGKILL) } }
        for service in services { try await service.waitUntilStarted() }
        let (intake, followup, matching) = (services[0], services[1], services[2])
        // The people, once matching's migrations have made its tables.
        let matchingDatabase = PostgresClient(configuration: .init(url: stack.adminDatabaseURL, searchPath: MatchingEvents.service), logger: logger)
        try await matchingDatabase.withConnection { connection in
            try MatchingData.loadCandidates(people, prefix: runID, today: Copenhagen.date(at: Date())!, on: connection)
            _ = try connection.execute("VACUUM ANALYZE candidates")
        }
        await matchingDatabase.close()
        let memory = services.map(MemorySampler.init)
        report.add("system: people stored in matching", "\(people)")

        // Throughput: the sheets wait in intake's queue while it is paused, then all flow.
        let opened = await followup.publishedEvents(of: FollowupEvents.taskOpened)
        let proposed = await matching.publishedEvents(of: MatchingEvents.matchProposed)
        let loader = AMQPPublisher(configuration: admin, logger: logger)
        intake.signal(SIGSTOP)
        try await loader.publish(bodies.map(sheetMessage))
        try await checkpoint()
        let start = ContinuousClock.now
        intake.signal(SIGCONT)
        var finished: [String: Duration] = [:]
        let deadline = start + .seconds(600)
        while finished.count < 2 {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("system: events not all confirmed within 600 s") }
            if finished[FollowupEvents.taskOpened] == nil, await followup.publishedEvents(of: FollowupEvents.taskOpened) >= opened + count {
                finished[FollowupEvents.taskOpened] = ContinuousClock.now - start
            }
            if finished[MatchingEvents.matchProposed] == nil, await matching.publishedEvents(of: MatchingEvents.matchProposed) >= proposed + count {
                finished[MatchingEvents.matchProposed] = ContinuousClock.now - start
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let followupRate = Double(count) / Self.secondsOf(finished[FollowupEvents.taskOpened]!)
        let matchingRate = Double(count) / Self.secondsOf(finished[MatchingEvents.matchProposed]!)
        report.rate("system: sheet → intake → followup, task-opened confirmed (\(count) sheets)", followupRate, reference: passRate)
        report.rate("system: sheet → intake → matching, match.proposed confirmed (\(count) sheets)", matchingRate, reference: passRate)

        // Latency at half the slower path's rate (unless told otherwise), for about eight seconds.
        let rate = latencyRate ?? max(min(followupRate, matchingRate) / 2, 10)
        let observer = try EventObserver(
            stack: stack, routingKeys: [IntakeEvents.openingRegistered, FollowupEvents.taskOpened, MatchingEvents.matchProposed], logger: logger)
        await observer.start()
        try await checkpoint()
        let latencyRun = "\(runID)-lat"
        let (sent, collected) = try await pacedSheets(
            rate: rate, seconds: 8, sheet: { sheetBody(latencyRun, $0, overriding: submittedAt) }, observer: observer, publisher: loader,
            collector: SystemCollector(runID: latencyRun))
        await observer.close()
        await loader.close()
        for (label, arrivals) in [
            ("intake's opening.registered (reference)", collected.registered), ("followup.task-opened", collected.taskOpened),
            ("match.proposed", collected.proposed),
        ] {
            let latencies = arrivals.map { index, at in Double((at - sent[index].at) / .microseconds(1)) / 1000 }
            report.add("system: sheet published → \(label) at \(Int(rate)) sheets/s: p50 / p99",
                       String(format: "%.1f / %.1f ms", Self.quantile(0.5, of: latencies), Self.quantile(0.99, of: latencies)),
                       "\(latencies.count) of \(sent.count)")
        }

        // Matching's memory grows with the people it ranks; the others' targets are their sections'.
        for (name, sampler) in zip(names, memory) {
            report.memory("system: \(name)\(name == BillingEvents.service ? " (idle)" : "") peak resident memory",
                          bytes: await sampler.stop(), limitMiB: name == MatchingEvents.service ? nil : 64)
        }
        for service in services { await service.stop() }
        try await MatchingState.empty(on: stack, logger: logger)
    }

    /// For each sheet of a latency run, when its `opening.registered`, `followup.task-opened` and
    /// `match.proposed` arrived; the last two name only the opening, which the first maps to its sheet.
    struct SystemCollector: SheetEventCollector {
        let runID: String
        var sheetOfOpening: [String: Int] = [:]
        var registered: [Int: ContinuousClock.Instant] = [:]
        var taskOpened: [Int: ContinuousClock.Instant] = [:]
        var proposed: [Int: ContinuousClock.Instant] = [:]

        mutating func receive(_ delivery: Delivery, at: ContinuousClock.Instant, wall: Date) {
            guard let body = try? JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any],
                  let openingId = (body["openingId"] as? String)?.lowercased()
            else { return }
            switch delivery.routingKey {
            case IntakeEvents.openingRegistered:
                // The observer's queue receives it before either service can have answered it.
                guard let index = (body["sheetId"] as? String).flatMap({ Bench.sheetIndex($0, runID: runID) }) else { return }
                sheetOfOpening[openingId] = index
                registered[index] = registered[index] ?? at
            case FollowupEvents.taskOpened:
                if let index = sheetOfOpening[openingId] { taskOpened[index] = taskOpened[index] ?? at }
            case MatchingEvents.matchProposed:
                if let index = sheetOfOpening[openingId] { proposed[index] = proposed[index] ?? at }
            default:
                return
            }
        }

        func isComplete(total: Int) -> Bool { taskOpened.count >= total && proposed.count >= total }
    }
}
