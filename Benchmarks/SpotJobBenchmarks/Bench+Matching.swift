import AMQPClient
import AssignmentComparison
import Chronology
import Contracts
import Domain
import Foundation
import JSON
import Matching
import Messaging
import PostgresClient
import TestSupport

extension Bench {
    /// Matching (issue 11): one opening's proposals among `storedProfiles` stored people (p50/p99, in
    /// a scratch schema); `candidate.profiled` handled with `openings` open openings against the raw
    /// pass-through; matching's resident memory with `storedProfiles` people while it re-proposes for
    /// updated openings; the solver against scipy and on the sparse instance.
    ///
    /// The service part uses the local stack's real `matching` schema and queue (the service takes its
    /// schema from its name): they are emptied first and at the end, as matching's integration tests do.
    func matching(profiles: Int, storedProfiles: Int, openings: Int, solverRepeats: Int, only part: String? = nil) async throws {
        let today = Copenhagen.date(at: Date())!
        if part == nil || part == "proposals" { try await proposalLatency(stored: storedProfiles, openings: openings, today: today) }
        if part == nil || part == "service" {
            try await matchingService(profiles: profiles, stored: storedProfiles, openings: openings, today: today)
        }
        if part == nil || part == "solver" { try solver(repeats: solverRepeats) }
    }

    // MARK: 1. Proposals for one opening

    /// Times ``OpeningProposals/compute(openingId:today:weights:top:among:on:)`` (what the service runs
    /// for every opening it refreshes) for 200 different openings, after 20 unmeasured ones, on a
    /// candidate index read from the schema first (timed apart, as a replica does on its first message).
    private func proposalLatency(stored: Int, openings: Int, today: CivilDate) async throws {
        let schema = try await ScratchSchema.create(on: stack, migrations: ["common", "matching"], logger: logger)
        let loadStart = ContinuousClock.now
        try await schema.client.withConnection { connection in
            try MatchingData.loadCandidates(stored, prefix: "bench", today: today, on: connection)
            try MatchingData.loadOpenings(openings, prefix: "bench", on: connection)
            // As autovacuum leaves a table after a bulk insert: pages pruned, hint bits and visibility map set.
            _ = try connection.execute("VACUUM ANALYZE")
        }
        report.add("matching: bulk load of \(stored) profiles + \(openings) openings (scratch schema)",
                   String(format: "%.1f s", Self.secondsOf(ContinuousClock.now - loadStart)))
        let measured = 200
        let warmUp = 20
        let candidates = LiveCandidateIndex()
        let samples = try await schema.client.withConnection { connection -> (build: Double, times: [Double], proposals: Int, roundTrips: [Double]) in
            let buildStart = ContinuousClock.now
            try candidates.withCandidates(on: connection) { _ in }
            let build = Self.secondsOf(ContinuousClock.now - buildStart)
            let ids = try connection.query("SELECT opening_id FROM openings ORDER BY sheet_id").map { try $0.decode(UUID.self, at: 0) }
            let step = max(1, ids.count / (measured + warmUp))
            let chosen = stride(from: 0, to: ids.count, by: step).prefix(measured + warmUp).map { ids[$0] }
            var times: [Double] = []
            var proposals = 0
            for (index, id) in chosen.enumerated() {
                let start = ContinuousClock.now
                let result = try OpeningProposals.compute(
                    openingId: id, today: today, weights: MatchingWeights(), top: 5, among: candidates, on: connection)
                let elapsed = ContinuousClock.now - start
                if index >= warmUp {
                    times.append(Self.secondsOf(elapsed) * 1000)
                    proposals += result?.proposals.count ?? 0
                }
            }
            // The reference: one trivial round trip on the same connection.
            var roundTrips: [Double] = []
            for _ in 0..<measured {
                let start = ContinuousClock.now
                _ = try connection.query("SELECT 1")
                roundTrips.append(Self.secondsOf(ContinuousClock.now - start) * 1000)
            }
            return (build, times, proposals, roundTrips)
        }
        report.add("  candidate index of \(candidates.count) people read from the schema (first use, as a replica starts)",
                   String(format: "%.2f s", samples.build))
        let p50 = Self.quantile(0.5, of: samples.times)
        let p99 = Self.quantile(0.99, of: samples.times)
        report.add("matching: proposals for one opening among \(stored) profiles: p50", String(format: "%.1f ms", p50))
        report.add("matching: proposals for one opening among \(stored) profiles: p99", String(format: "%.1f ms", p99), "",
                   p99 < 5 ? "< 5 ms met" : String(format: "< 5 ms MISSED by %.1f ms", p99 - 5))
        report.add("  over \(samples.times.count) openings; proposals per opening (mean)",
                   String(format: "%.2f", Double(samples.proposals) / Double(max(1, samples.times.count))))
        report.add("  reference: SELECT 1 round trip on the same connection, p50", String(format: "%.3f ms", Self.quantile(0.5, of: samples.roundTrips)),
                   String(format: "%.0f", p50 / Self.quantile(0.5, of: samples.roundTrips)))
        try await schema.client.withConnection { _ = try $0.execute("DROP SCHEMA \(schema.name) CASCADE") }
        await schema.client.close()
    }

    // MARK: 2 and 4. The matching service

    private func matchingService(profiles count: Int, stored: Int, openings: Int, today: CivilDate) async throws {
        let runID = "bench-\(UUID().uuidString.prefix(6).lowercased())"
        let bodies = (0..<count).map { MatchingData.profileBody(runID, index: $0, today: today) }
        report.add("matching: profile size", "\(bodies[0].count) bytes")
        let passRate = try await rawPassThroughRate(bodies)
        report.rate("raw pass-through (consume+ack+publish+confirm), best of 3", passRate)

        let database = PostgresClient(configuration: .init(url: stack.adminDatabaseURL, searchPath: "matching"), logger: logger)
        try await MatchingState.empty(on: stack, logger: logger)
        let environment = Self.matchingEnvironment()
        var matching = try ServiceProcess(service: MatchingEvents.service, stack: stack, environment: environment)
        defer { matching.signal(SIGKILL) }
        try await matching.waitUntilStarted()
        try await database.withConnection { connection in
            try MatchingData.loadOpenings(openings, prefix: runID, on: connection)
            _ = try connection.execute("VACUUM ANALYZE openings")
        }

        // 2. Profiles published to the paused service, then released; done when every candidate is committed.
        let loader = AMQPPublisher(configuration: admin, logger: logger)
        let proposedBefore = await matching.publishedEvents(of: MatchingEvents.matchProposed)
        matching.signal(SIGSTOP)
        try await loader.publish(bodies.map {
            Envelope(type: MatchingEvents.candidateProfiled, producer: "bench", body: $0).outgoing(exchange: SpotJobTopology.exchange)
        })
        try await checkpoint()
        let throughputMemory = MemorySampler(matching)
        let rate = try await measureRate(count) {
            matching.signal(SIGCONT)
            try await waitUntilHandled(count, on: database, service: matching)
        }
        let proposedEvents = await matching.publishedEvents(of: MatchingEvents.matchProposed) - proposedBefore
        let refreshed = try await database.withConnection {
            try $0.query("SELECT count(DISTINCT set_id) FROM proposals").first?.decode(Int.self, at: 0) ?? 0
        }
        let throughputPeak = await throughputMemory.stop()
        let versusRaw = String(format: "ratio to raw pass-through (%.0f msg/s, same run)", passRate)
        report.add("matching: candidate.profiled handled, \(openings) open openings (\(count) profiles)",
                   String(format: "%.1f msg/s", rate), String(format: "%.4f", rate / passRate),
                   versusRaw + (rate / passRate >= 0.2 ? "; ≥ 0.2 met" : "; ≥ 0.2 MISSED"))
        report.add("  match.proposed confirmed per profile (mean)", String(format: "%.1f", Double(proposedEvents) / Double(count)))
        report.add("  proposal sets stored per profile (mean)", String(format: "%.1f", Double(refreshed) / Double(count)))

        // Idle through the bulk load below, the broker may drop its connection: part 4 opens its own.
        await loader.close()

        // 4. Memory with `stored` people: the openings the late profiles fit re-proposed, then those profiles.
        try await database.withConnection { connection in
            try MatchingData.loadCandidates(stored - count, prefix: "\(runID)-stored", today: today, on: connection)
            _ = try connection.execute("VACUUM ANALYZE candidates")
        }
        let people = try await database.withConnection { try $0.query("SELECT count(*) FROM candidates").first?.decode(Int.self, at: 0) ?? 0 }
        // A fresh process, so that its memory is that of these people and not of the batches before.
        await matching.stop()
        matching = try ServiceProcess(service: MatchingEvents.service, stack: stack, environment: environment)
        try await matching.waitUntilStarted()
        // The profiles measured with `people` stored. The openings they fit are re-proposed first (opening.updated),
        // so that their proposals, and the bounds those leave, are of all the people stored, as in a service that
        // had profiled every one of them: the bulk load above wrote people, not proposals.
        let late = (0..<min(count, 10)).map { MatchingData.profileBody("\(runID)-late", index: count + $0, today: today) }
        let updates = try await database.withConnection { connection in
            try connection.query(
                """
                SELECT opening_id, sheet_id, municipality, category, tasks, hours_per_week_tenths, positions, job_type
                FROM openings WHERE opening_id = ANY($1::uuid[]) ORDER BY sheet_id
                """, [PostgresArray(try MatchingData.openingsFitting(late, on: connection))]
            ).map { row in
                let now = Date()
                return try JSONCoding.encoder.encode(OpeningPayload(
                    openingId: try row.decode(UUID.self, column: "opening_id"), sheetId: try row.decode(String.self, column: "sheet_id"),
                    revision: 2, source: "bench", municipality: try row.decode(String.self, column: "municipality"),
                    company: .init(cvr: try CVR("25313763"), name: "Bench ApS", employees: 10),
                    category: JobCategory(rawValue: try row.decode(String.self, column: "category"))!,
                    tasks: try row.decode(PostgresJSON.self, column: "tasks").decode([JobTask].self),
                    hoursPerWeek: HoursPerWeek(tenths: try row.decode(Int.self, column: "hours_per_week_tenths"))!,
                    positions: try row.decode(Int.self, column: "positions"),
                    jobType: JobType(rawValue: try row.decode(String.self, column: "job_type"))!,
                    visitRequested: false, submittedAt: now, registeredAt: now))
            }
        }
        let publisher = AMQPPublisher(configuration: admin, logger: logger)
        try await checkpoint()
        let idle = matching.residentMemory ?? 0
        let memory = MemorySampler(matching)
        let before = await matching.publishedEvents(of: MatchingEvents.matchProposed)
        let updateRate = try await measureRate(updates.count) {
            try await publisher.publish(updates.map {
                Envelope(type: IntakeEvents.openingUpdated, producer: "intake", body: $0).outgoing(exchange: SpotJobTopology.exchange)
            })
            let deadline = ContinuousClock.now + .seconds(300)
            while await matching.publishedEvents(of: MatchingEvents.matchProposed) < before + updates.count {
                guard ContinuousClock.now < deadline else { throw BenchmarkError("matching: opening updates not all proposed within 300 s") }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        // The same profiles' throughput once every opening has many people to rank.
        let lateRate = try await measureRate(late.count) {
            try await publisher.publish(late.map {
                Envelope(type: MatchingEvents.candidateProfiled, producer: "bench", body: $0).outgoing(exchange: SpotJobTopology.exchange)
            })
            try await waitUntilHandled(people + late.count, on: database, service: matching)
        }
        let peak = await memory.stop()
        report.rate("matching: opening.updated → proposals among \(people) people → match.proposed", updateRate, unit: "openings/s")
        report.add("matching: candidate.profiled handled, \(openings) open openings, \(people) people (\(late.count) profiles)",
                   String(format: "%.2f msg/s", lateRate), String(format: "%.5f", lateRate / passRate),
                   versusRaw + (lateRate / passRate >= 0.2 ? "; ≥ 0.2 met" : "; ≥ 0.2 MISSED"))
        report.memory("matching peak resident memory while handling the \(count) profiles (one batch)", bytes: throughputPeak, limitMiB: 128)
        report.memory("matching resident memory with \(people) profiles, idle (fresh process)", bytes: idle, limitMiB: 128)
        report.memory("matching peak resident memory with \(people) profiles, re-proposing \(updates.count) openings and profiling \(late.count) people",
                      bytes: peak, limitMiB: 128)
        await publisher.close()
        await matching.stop()
        try await MatchingState.empty(on: stack, logger: logger)
        await database.close()
    }

    /// Waits until matching holds `candidates` people and every event their profiles caused is
    /// confirmed (the outbox holds only unsent events); throws when a profile was refused.
    private func waitUntilHandled(_ candidates: Int, on database: PostgresClient, service matching: ServiceProcess) async throws {
        let deadline = ContinuousClock.now + .seconds(600)
        while try await database.withConnection({
            try $0.query("SELECT (SELECT count(*) FROM candidates) - (SELECT count(*) FROM outbox)").first?.decode(Int.self, at: 0) ?? 0
        }) < candidates {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("matching: profiles not all handled within 600 s") }
            let rejected = await matching.counter("spotjob_messages_rejected_total", type: MatchingEvents.candidateProfiled)
            if rejected > 0 { throw BenchmarkError("matching: \(rejected) profiles rejected; log: \(matching.logFile.path)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    // MARK: 3. The solver

    /// The assignment solver against scipy (`.local/venv`, made on first use) at 2048² and 4096², and
    /// the sparse 10,000 × 100,000 instance: the code `spotjob-bench-assignment` runs.
    private func solver(repeats: Int) throws {
        let scipy = try SciPy.prepare(repository: ScratchSchema.repositoryRoot)
        let scratch = try AssignmentComparison.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        for n in [2048, 4096] {
            let dense = try AssignmentComparison.dense(n: n, repeats: repeats, scipy: scipy, scratch: scratch)
            report.add("solver dense \(n)²: ours / scipy (median of \(repeats))",
                       String(format: "%.3f s / %.3f s", dense.oursSeconds, dense.scipySeconds), String(format: "%.2f", dense.ratio),
                       String(format: "≤ 1.00 %@, optimum %@", dense.ratio <= 1 ? "met" : "MISSED", dense.totalsEqual ? "equal" : "DIFFERS"))
            if !dense.totalsEqual { throw BenchmarkError("solver \(n)²: total \(dense.total) differs from scipy's \(dense.scipyTotal)") }
        }
        let sparse = AssignmentComparison.sparse(repeats: repeats)
        report.add("solver sparse \(sparse.rows)×\(sparse.cols), \(sparse.perRow) per opening (median of \(repeats))",
                   String(format: "%.3f s", sparse.seconds), "",
                   String(format: "< %.0f s %@", AssignmentComparison.sparseTargetSeconds,
                          sparse.seconds < AssignmentComparison.sparseTargetSeconds ? "met" : "MISSED"))
    }

    // MARK: Helpers

    /// What a benchmark's matching process needs besides the stack: fresh CPR keys (its people's CPR
    /// ciphertexts are arbitrary bytes, never decrypted) and warnings only in its log.
    static func matchingEnvironment() -> [String: String] {
        ServiceProcess.freshCPRKeys().merging(["LOG_LEVEL": "warning"]) { $1 }
    }

    static func secondsOf(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func quantile(_ p: Double, of values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

extension ServiceProcess {
    /// The value of counter `name` for messages of `type`, from the service's `/metrics` (0 when absent).
    func counter(_ name: String, type: String) async -> Int {
        let line = "\(name){type=\"\(type)\"} "
        let metrics = await get("/metrics").body
        return metrics.split(separator: "\n").lazy.filter { $0.hasPrefix(line) }.compactMap { Int($0.dropFirst(line.count)) }.first ?? 0
    }
}
