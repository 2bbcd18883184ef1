import AMQPClient
import CoreMetrics
import Foundation
import Logging
import Messaging
import PostgresClient
import Synchronization
import TestSupport

extension Bench {
    /// Durable timers with `pending` timers in the table (default 1,000,000): scheduling cost,
    /// idle CPU with nothing due, fire lag of a tenth of them coming due over 10 s, firing
    /// throughput on a backlog as a ratio to the outbox relay's sweep measured in this run, and
    /// the firing process's memory. The timer loop (with its relay) runs in a child process
    /// (`spotjob-bench timers-child`), so its CPU and memory are its own.
    func timers(pending: Int) async throws {
        let spread = max(pending / 10, 1)
        let later = pending - spread
        let schema = try await ScratchSchema.create(on: stack, logger: logger)
        let admin = PostgresClient(configuration: .init(url: stack.adminDatabaseURL), logger: logger)
        defer {
            Task { [schema, admin] in
                await schema.client.close()
                _ = try? await admin.withConnection { try $0.execute("DROP SCHEMA \(schema.name) CASCADE") }
                await admin.close()
            }
        }
        report.add("timers: pending in the table", "\(pending) (\(later) due in 30+ days, \(spread) due over 10 s)")

        // 1. The pending timers, bulk-inserted.
        let insertRate = try await measureRate(later) {
            try await schema.client.withConnection { connection in
                _ = try connection.execute(
                    """
                    INSERT INTO timers (kind, key, due_at, fire_at, payload)
                    SELECT 'bench.later', 'later-' || i, t, t, jsonb_build_object('n', i)
                    FROM generate_series(1, $1::integer) AS i, LATERAL (SELECT now() + interval '30 days' + i * interval '1 second' AS t) AS s
                    """, [later])
            }
        }
        report.rate("timers bulk insert (generate_series, one statement)", insertRate, unit: "timers/s")
        try await schema.client.withConnection { try $0.execute("VACUUM ANALYZE timers") }

        // 2. The reference: the outbox relay's sweep (row read → publish → confirm → delete) of
        // events like those the timers emit, best of two rounds.
        let referenceCount = min(20_000, max(spread, 1000))
        let relayRate = try await outboxReference(schema: schema, count: referenceCount)
        report.rate("outbox relay sweep, timer-sized events (reference), best of 2", relayRate)

        // 3. Scheduling from handler batches: transactions of 250 timers each, far ahead (no
        // NOTIFY) and within the horizon (one NOTIFY per transaction); removed afterwards.
        let scheduleCount = min(20_000, max(spread, 1000))
        // The two take turns for three rounds each and the best of each counts (the machine is shared).
        var scheduleRates: [Bool: Double] = [:]
        for soon in [false, true, false, true, false, true] {
            let base = Date().addingTimeInterval(soon ? 30 : 40 * 86_400)
            let kind = soon ? "bench.scheduled-soon" : "bench.scheduled-later"
            try await schema.client.withConnection { _ = try $0.execute("DELETE FROM timers WHERE kind LIKE 'bench.scheduled-%'") }
            try await checkpoint()
            scheduleRates[soon] = max(scheduleRates[soon] ?? 0, try await measureRate(scheduleCount) {
                for start in stride(from: 0, to: scheduleCount, by: 250) {
                    let batch = (start..<min(start + 250, scheduleCount)).map {
                        ScheduledTimer(kind: kind, key: "s-\($0)", dueAt: base.addingTimeInterval(Double($0) / 1000), payload: PostgresJSON("{\"n\": 1}"))
                    }
                    try await schema.client.transaction { try Timers.schedule(batch, on: $0) }
                }
            })
        }
        try await schema.client.withConnection { _ = try $0.execute("DELETE FROM timers WHERE kind LIKE 'bench.scheduled-%'") }
        report.rate("timers scheduled in handler batches of 250, due in 40 days, best of 3", scheduleRates[false]!, unit: "timers/s")
        report.rate("  the same, due within 60 s (one NOTIFY per batch), best of 3", scheduleRates[true]!, reference: scheduleRates[false]!, unit: "timers/s")
        // 4. The timers that will come due: `spread` of them over 10 s from `firstDue` on, which
        // leaves time to measure the loop idle first, with all `pending` timers in the table.
        let firstDue = Date().addingTimeInterval(40)
        try await schema.client.withConnection { connection in
            try connection.execute(
                """
                INSERT INTO timers (kind, key, due_at, fire_at, payload)
                SELECT 'bench.spread', 'spread-' || i, t, t, jsonb_build_object('n', i)
                FROM generate_series(0, $1::integer - 1) AS i,
                     LATERAL (SELECT $2::timestamptz + i * (interval '10 seconds' / $1::integer) AS t) AS s
                """, [spread, firstDue])
        }
        try await schema.client.withConnection { try $0.execute("VACUUM ANALYZE timers") }
        try await checkpoint()

        // 5. The loop, idle: `pending` timers, none due yet (it sleeps until `firstDue`).
        let child = try TimerChild(schema: schema.name)
        defer { child.kill() }
        try await child.waitFor("ready", timeout: .seconds(30))
        try await Task.sleep(for: .seconds(2))
        let sessions = try await admin.withConnection { connection in
            try connection.query("SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'bench-timers%'").map { try $0.decode(Int32.self, at: 0) }
        }
        let idleSeconds = 12.0
        let before = (child: cpuSeconds(pid: child.pid), sessions: sessions.map { cpuSeconds(pid: $0) }.reduce(0, +))
        try await Task.sleep(for: .seconds(idleSeconds))
        let after = (child: cpuSeconds(pid: child.pid), sessions: sessions.map { cpuSeconds(pid: $0) }.reduce(0, +))
        let idleCPU = (after.child - before.child) / idleSeconds * 100
        guard Date() < firstDue else { throw BenchmarkError("timers: setting up took too long; the idle window reached the due timers") }
        report.add("timer loop idle, \(pending) pending, none due: CPU of the firing process", String(format: "%.2f %% of a core", idleCPU), "",
                   idleCPU < 1 ? "near zero (< 1 %) met" : "near zero (< 1 %) MISSED")
        report.add("  CPU of its \(sessions.count) PostgreSQL sessions meanwhile",
                   String(format: "%.2f %% of a core", (after.sessions - before.sessions) / idleSeconds * 100))

        // 6. Fire lag: the loop wakes for the first due timer and keeps up with the rest.
        try await child.waitFor(fired: spread, timeout: .seconds(120))

        // 7. Throughput: `spread` more timers, all overdue at once.
        try await schema.client.transaction { connection in
            try connection.execute(
                """
                INSERT INTO timers (kind, key, due_at, fire_at, payload)
                SELECT 'bench.backlog', 'backlog-' || i, t, t, jsonb_build_object('n', i)
                FROM generate_series(0, $1::integer - 1) AS i, LATERAL (SELECT now() - interval '1 minute' + i * interval '1 microsecond' AS t) AS s
                """, [spread])
            _ = try connection.pipeline([Timers.notifyStatement(dueAt: Date())])
        }
        let committed = ContinuousClock.now
        try await child.waitFor(fired: 2 * spread, timeout: .seconds(300))
        let elapsed = ContinuousClock.now - committed
        let fireRate = Double(spread) / elapsed.timeInterval
        let result = try await child.finish()

        let lag = result.lags["bench.spread"] ?? []
        report.add("timers coming due over 10 s", "\(spread), fired \(lag.count)")
        report.add("  fire lag (commit − due): p50", String(format: "%.1f ms", percentile(0.5, lag) * 1000))
        report.add("  fire lag (commit − due): p99", String(format: "%.1f ms", percentile(0.99, lag) * 1000), "",
                   percentile(0.99, lag) < 1 ? "< 1 s met" : "< 1 s MISSED")
        report.add("  fire lag (commit − due): max", String(format: "%.1f ms", (lag.max() ?? .nan) * 1000))
        report.rate("timers fired (with relay publishing), backlog of \(spread) overdue", fireRate, reference: relayRate, target: 0.5, unit: "timers/s")
        report.memory("firing process peak resident memory (VmHWM)", bytes: result.peakResidentBytes)
        let left = try await schema.count("SELECT count(*) FROM timers WHERE kind IN ('bench.spread', 'bench.backlog')")
        if left != 0 { throw BenchmarkError("timers: \(left) due timers left unfired") }
        let firedEvents = result.fired
        if firedEvents != 2 * spread { throw BenchmarkError("timers: the loop fired \(firedEvents), expected \(2 * spread)") }
    }

    /// The relay's sweep rate for `count` events shaped like the timer events, best of two rounds.
    private func outboxReference(schema: ScratchSchema, count: Int) async throws -> Double {
        let publisher = AMQPPublisher(configuration: admin, topology: SpotJobTopology.exchanges, logger: logger)
        let relayDatabase = schema.newClient(on: stack, logger: logger)
        let relay = OutboxRelay(database: relayDatabase, publisher: publisher, schema: schema.name, logger: logger)
        var best = 0.0
        for _ in 1...2 {
            for start in stride(from: 0, to: count, by: 1000) {
                let events = try (start..<min(start + 1000, count)).map {
                    try OutboxEvent(type: "bench.timer.fired", payload: ["key": "reference-\($0)"], producer: "bench")
                }
                try await schema.client.transaction { try Outbox.enqueue(events, on: $0) }
            }
            try await checkpoint()
            best = max(best, try await measureRate(count) { while try await relay.sweep(olderThan: .zero) > 0 {} })
        }
        await relayDatabase.close()
        await publisher.close()
        return best
    }
}

private func percentile(_ p: Double, _ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// User + system CPU seconds of process `pid` (`/proc/<pid>/stat`, clock ticks of 1/100 s).
func cpuSeconds(pid: Int32) -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    return ((Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

extension Duration {
    var timeInterval: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

// MARK: The firing process

/// `spotjob-bench timers-child <schema>`, started by ``Bench/timers(pending:)``: runs a
/// ``TimerLoop`` (and an ``OutboxRelay``, publishing to the `spotjob` exchange, where nothing is
/// bound to the events) on the scratch schema. Prints `ready`, then `fired N` as the count grows;
/// when its standard input closes, prints `result {json}` and exits.
final class TimerChild: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lines = Mutex<[String]>([])
    /// Set when its standard output reached its end (every line read).
    private let outputEnded = Mutex(false)

    struct Result: Decodable {
        var fired: Int
        var lags: [String: [Double]]
        var peakResidentBytes: Int
    }

    init(schema: String) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = ["timers-child", schema]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty {
                    self.outputEnded.withLock { $0 = true }
                    break
                }
                buffer += chunk
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer = Data(buffer[buffer.index(after: newline)...])
                    self.lines.withLock { $0.append(line) }
                }
            }
        }
    }

    var pid: Int32 { process.processIdentifier }

    func waitFor(_ line: String, timeout: Duration) async throws {
        try await waitUntil(timeout: timeout, what: line) { $0.contains(line) }
    }

    func waitFor(fired count: Int, timeout: Duration) async throws {
        try await waitUntil(timeout: timeout, what: "\(count) timers fired") { lines in
            lines.reversed().first { $0.hasPrefix("fired ") }.flatMap { Int($0.dropFirst(6)) }.map { $0 >= count } ?? false
        }
    }

    private func waitUntil(timeout: Duration, what: String, _ condition: ([String]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !lines.withLock({ condition($0) }) {
            guard process.isRunning || !outputEnded.withLock({ $0 }) else {
                if lines.withLock({ condition($0) }) { return }
                let last = lines.withLock { $0.suffix(5).joined(separator: " | ") }
                throw BenchmarkError("timers: the firing process exited (status \(process.terminationStatus)); its last lines: \(last)")
            }
            guard ContinuousClock.now < deadline else { throw BenchmarkError("timers: timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Closes its input and reads its result.
    func finish() async throws -> Result {
        try input.fileHandleForWriting.close()
        try await waitUntil(timeout: .seconds(30), what: "the result") { $0.contains { $0.hasPrefix("result ") } }
        let line = lines.withLock { $0.first { $0.hasPrefix("result ") }! }
        return try JSONDecoder().decode(Result.self, from: Data(line.dropFirst(7).utf8))
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }
}

/// The child's side of ``TimerChild``.
enum TimersChildMain {
    struct Handler: Messaging.TimerHandler {
        func fire(_ timers: [DueTimer], on connection: PostgresConnection) throws -> [OutboxEvent] {
            try timers.map { try OutboxEvent(type: "bench.timer.fired", payload: ["key": $0.key], producer: "bench") }
        }
    }

    static func run(schema: String) async throws {
        let metrics = CapturingMetrics()
        MetricsSystem.bootstrap(metrics)
        var logger = Logger(label: "bench-timers")
        logger.logLevel = .warning
        let stack = try LocalStack.fromEnvironment()
        func configuration(_ role: String) -> PostgresConfiguration {
            PostgresConfiguration(url: stack.adminDatabaseURL, applicationName: "bench-timers-\(role)", searchPath: schema)
        }
        let publisher = AMQPPublisher(
            configuration: try AMQPConfiguration(url: stack.adminAMQPURL), topology: SpotJobTopology.exchanges, logger: logger)
        let relay = OutboxRelay(
            database: PostgresClient(configuration: configuration("relay"), logger: logger), publisher: publisher, schema: schema, logger: logger)
        let loop = TimerLoop(
            database: PostgresClient(configuration: configuration("loop"), logger: logger),
            listener: PostgresListener(configuration: configuration("listen"), logger: logger),
            handler: Handler(), relay: relay, logger: logger)
        let relayTask = Task { try await relay.run() }
        // When standard input closes (the benchmark is done): the result, and exit. A thread of its
        // own blocks on the read, so nothing polls while the loop is idle.
        Thread.detachNewThread {
            while !FileHandle.standardInput.availableData.isEmpty {}
            let result: [String: Any] = [
                "fired": metrics.fired, "lags": metrics.lags, "peakResidentBytes": peakResidentBytes(),
            ]
            let json = (try? JSONSerialization.data(withJSONObject: result)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            emit("result " + json)
            exit(0)
        }
        emit("ready")
        try await loop.run()
        _ = await relayTask.result
    }

    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `VmHWM` of `/proc/self/status`: the process's peak resident set size.
    private static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}

/// A metrics backend that keeps what the timer loop reports: fired counts and every fire lag, by kind.
final class CapturingMetrics: MetricsFactory, Sendable {
    private let state = Mutex<(fired: Int, lags: [String: [Double]])>((0, [:]))

    var fired: Int { state.withLock { $0.fired } }
    var lags: [String: [Double]] { state.withLock { $0.lags } }

    final class Count: CounterHandler, Sendable {
        let onIncrement: @Sendable (Int64) -> Void
        init(_ onIncrement: @escaping @Sendable (Int64) -> Void) { self.onIncrement = onIncrement }
        func increment(by amount: Int64) { onIncrement(amount) }
        func reset() {}
    }

    final class Record: RecorderHandler, CoreMetrics.TimerHandler, Sendable {
        let onRecord: @Sendable (Int64) -> Void
        init(_ onRecord: @escaping @Sendable (Int64) -> Void) { self.onRecord = onRecord }
        func record(_ value: Int64) { onRecord(value) }
        func record(_ value: Double) { onRecord(Int64(value)) }
        func recordNanoseconds(_ duration: Int64) { onRecord(duration) }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        guard label == "spotjob_timers_fired_total" else { return Count { _ in } }
        // Reported as the count grows: written by the loop's task after each commit, no polling.
        return Count { [self] amount in
            let total = self.state.withLock { state in
                state.fired += Int(amount)
                return state.fired
            }
            TimersChildMain.emit("fired \(total)")
        }
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Record { _ in }
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any CoreMetrics.TimerHandler {
        guard label == "spotjob_timer_fire_lag_seconds" else { return Record { _ in } }
        let kind = dimensions.first { $0.0 == "kind" }?.1 ?? ""
        return Record { [self] nanoseconds in self.state.withLock { $0.lags[kind, default: []].append(Double(nanoseconds) / 1e9) } }
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any CoreMetrics.TimerHandler) {}
}
