import AMQPClient
import Chronology
import Contracts
import Domain
import Followup
import Foundation
import JSON
import Messaging
import PostgresClient
import TestSupport

extension Bench {
    /// Followup: `opening.handed-over` handled (task and timers committed, `followup.task-opened`
    /// confirmed) against the raw broker pass-through; followup's memory; and the funnel over
    /// `funnelOpenings` openings in a scratch schema with followup's tables.
    func followup(funnelOpenings: Int) async throws {
        let count = messages
        let runID = "bench-\(UUID().uuidString.prefix(6).lowercased())"
        let submittedAt = Date()
        let events = try (0..<count).map { index in
            try JSONCoding.encoder.encode(HandoverPayload(opening: OpeningPayload(
                openingId: UUID(), sheetId: "\(runID)-\(index)", revision: 1, source: runID, municipality: "615",
                company: .init(cvr: try CVR("25313763"), name: "Kantinen", employees: 40), category: .kitchenCleaning,
                tasks: [.known(code: "opvask")], hoursPerWeek: HoursPerWeek(tenths: 75)!, positions: 1, jobType: .smajob,
                visitRequested: true, submittedAt: submittedAt, registeredAt: submittedAt),
                contact: .init(name: "Mette Kjær", phone: "+4575621100", email: nil)))
        }
        report.add("followup event size", "\(events[0].count) bytes")
        let passRate = try await rawPassThroughRate(events)
        report.rate("raw pass-through (consume+ack+publish+confirm), best of 3", passRate)

        let followup = try ServiceProcess(service: "followup", stack: stack, environment: ["LOG_LEVEL": "warning"])
        defer { followup.signal(SIGKILL) }
        try await followup.waitUntilStarted()
        let memory = MemorySampler(followup)
        let loader = AMQPPublisher(configuration: admin, logger: logger)
        let before = await followup.publishedEvents(of: FollowupEvents.taskOpened)
        followup.signal(SIGSTOP)
        try await loader.publish(events.map {
            Envelope(type: IntakeEvents.openingHandedOver, producer: "intake", body: $0).outgoing(exchange: SpotJobTopology.exchange)
        })
        await loader.close()
        try await checkpoint()
        let rate = try await measureRate(count) {
            followup.signal(SIGCONT)
            while await followup.publishedEvents(of: FollowupEvents.taskOpened) < before + count {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        report.rate("followup: opening → task + reminder committed → task-opened confirmed", rate, reference: passRate, target: 0.5)
        let peak = await memory.stop()
        report.memory("followup peak resident memory", bytes: peak)
        await followup.stop()
        try await funnel(openings: funnelOpenings)
    }

    /// The funnel over `openings` openings (with tasks, contacts and placements) in a scratch schema.
    private func funnel(openings: Int) async throws {
        let schema = try await ScratchSchema.create(on: stack, migrations: ["common", "followup"], logger: logger)
        try await schema.client.withConnection { connection in
            try connection.execute(
                """
                INSERT INTO openings (opening_id, sheet_id, revision, lead, source, municipality, company_cvr, company_employees,
                                      job_type, visit_requested, submitted_at, registered_at)
                SELECT gen_random_uuid(), 's' || i, 1, false, 'bench', (ARRAY['615','766','630','101'])[1 + i % 4],
                       lpad((10000000 + i % 50000)::text, 8, '0'), CASE WHEN i % 7 = 0 THEN NULL ELSE i % 1500 END,
                       (ARRAY['smajob','fleksjob','praktik'])[1 + i % 3], i % 2 = 0,
                       now() - (i % 700) * interval '1 day', now() - (i % 700) * interval '1 day'
                FROM generate_series(1, $1) AS i
                """, [openings])
            try connection.execute(
                """
                INSERT INTO contact_tasks (task_id, opening_id, due_at, opened_at, status, contacted_at, contacted_on_time, closed_reason)
                SELECT gen_random_uuid(), opening_id, submitted_at + interval '2 days', submitted_at,
                       CASE WHEN n % 3 = 0 THEN 'open' ELSE 'closed' END,
                       CASE WHEN n % 3 = 0 THEN NULL ELSE submitted_at + interval '1 day' END,
                       CASE WHEN n % 3 = 0 THEN NULL ELSE n % 3 = 1 END,
                       CASE WHEN n % 3 = 0 THEN NULL ELSE 'reached' END
                FROM (SELECT opening_id, submitted_at, row_number() OVER () AS n FROM openings) AS o
                """)
            try connection.execute(
                """
                INSERT INTO contacts (task_id, opening_id, contacted_at, contacted_by, outcome, on_time, message_id, recorded_at)
                SELECT task_id, opening_id, contacted_at, 'bench', CASE WHEN contacted_on_time THEN 'visit-booked' ELSE 'reached' END,
                       contacted_on_time, gen_random_uuid(), contacted_at
                FROM contact_tasks WHERE contacted_at IS NOT NULL
                """)
            try connection.execute(
                """
                INSERT INTO placements (placement_id, opening_id, candidate_id, company_cvr, municipality, jobcenter, job_type,
                                        start_date, target_group, recorded_at)
                SELECT 'p-' || sheet_id, opening_id, 'c-' || sheet_id, company_cvr, municipality, municipality, job_type,
                       (submitted_at + interval '10 days')::date, true, now()
                FROM openings WHERE sheet_id LIKE '%7'
                """)
            try connection.execute("ANALYZE")
        }
        let today = Copenhagen.date(at: Date())!
        var best = Duration.seconds(1_000)
        var funnel: Funnel?
        for _ in 1...3 {
            let start = ContinuousClock.now
            funnel = try await schema.client.withConnection { try Funnel.compute(Funnel.Filter(), today: today, on: $0) }
            best = min(best, ContinuousClock.now - start)
        }
        let seconds = Double(best / .milliseconds(1)) / 1000
        report.add("funnel over \(openings) openings (best of 3)", String(format: "%.2f s", seconds), "",
                   seconds < 2 ? "< 2 s met" : "< 2 s MISSED")
        if funnel?.registered != openings { throw BenchmarkError("funnel: \(funnel?.registered ?? 0) openings for \(openings)") }
        try await schema.client.withConnection { try $0.execute("DROP SCHEMA \(schema.name) CASCADE") }
        await schema.client.close()
    }
}
