import AMQPClient
import Contracts
import Foundation
import Messaging
import PostgresClient
import TestSupport

extension Bench {
    /// Billing issuing `count` invoices with their OIOUBL documents (`count` contracts, each with a
    /// line due at signing): contract published → numbered invoice committed → `invoice.issued`
    /// confirmed, with one replica and then with two (numbering throughput), each as a time (target
    /// < 5 s for 10,000 with one replica) and as a ratio to the raw broker pass-through of the same
    /// contracts measured in this run; the numbers of each run are checked to be 1…count; billing's
    /// peak resident memory (`VmHWM`, target < 64 MiB). The queue billing staff read
    /// (`billing.invoices`, which nobody consumes on the dev stack) is purged before each run and at
    /// the end, as billing's integration tests do, so no run starts behind earlier runs' invoices.
    func billing(invoices count: Int) async throws {
        let runID = "bench-\(UUID().uuidString.prefix(6).lowercased())"
        let contractFile = ScratchSchema.repositoryRoot.appendingPathComponent("deploy/demo/contract-ishoj.json")
        guard var template = try JSONSerialization.jsonObject(with: Data(contentsOf: contractFile)) as? [String: Any] else {
            throw BenchmarkError("billing: deploy/demo/contract-ishoj.json is not a JSON object")
        }
        template["note"] = nil
        template["schedule"] = [["lineId": "signing", "description": "Task Force: ved underskrift", "amountOre": 17_500_000, "due": ["signed": true]]]
        func contracts(_ replicas: Int) throws -> [[UInt8]] {
            try (0..<count).map { index in
                var contract = template
                contract["contractId"] = "\(runID)-\(replicas)-\(index)"
                return [UInt8](try JSONSerialization.data(withJSONObject: contract))
            }
        }
        let single = try contracts(1)
        report.add("billing contract size", "\(single[0].count) bytes")
        let passRate = try await rawPassThroughRate(single)
        report.rate("raw pass-through of contracts, best of 3", passRate)
        let loader = AMQPPublisher(configuration: admin, logger: logger)
        defer { Task { await loader.close() } }

        let inspector = AMQPInspector(configuration: admin)
        for replicas in [1, 2] {
            _ = try await inspector.purge(queue: BillingEvents.invoicesQueue)
            let series = "\(runID)-\(replicas)"
            let processes = try (0..<replicas).map { _ in
                try ServiceProcess(service: "billing", stack: stack, environment: Self.billingEnvironment.merging(["BILLING_NUMBER_SERIES": series]) { $1 })
            }
            defer { for process in processes { process.signal(SIGKILL) } }
            for process in processes { try await process.waitUntilStarted() }
            for process in processes { process.signal(SIGSTOP) }
            try await loader.publish((replicas == 1 ? single : try contracts(replicas)).map {
                Envelope(type: "contract.registered", producer: "bench", body: $0).outgoing(exchange: SpotJobTopology.exchange)
            })
            try await checkpoint()
            let rate = try await measureRate(count) {
                for process in processes { process.signal(SIGCONT) }
                // Another billing process on the stack takes contracts from the same queue: its
                // invoices never count here, so give up once nothing has moved for 30 s.
                var (published, lastProgress) = (0, ContinuousClock.now)
                while published < count {
                    try await Task.sleep(for: .milliseconds(20))
                    var now = 0
                    for process in processes { now += await process.publishedEvents(of: "invoice.issued") }
                    if now > published { (published, lastProgress) = (now, .now) }
                    if ContinuousClock.now - lastProgress > .seconds(30) {
                        throw BenchmarkError("billing (\(replicas) replicas): \(published) of \(count) invoices announced, none for 30 s; is another billing process consuming queue billing?")
                    }
                }
            }
            let database = PostgresClient(configuration: .init(url: stack.databaseURL(service: "billing")), logger: logger)
            let numbers = try await database.withConnection { connection in
                try connection.query(
                    "SELECT count(*), count(DISTINCT number), min(number), max(number), count(DISTINCT contract_id) FROM documents WHERE series = $1",
                    [series])[0]
            }
            await database.close()
            let (documents, distinct, low, high, contractsBilled) = (
                try numbers.decode(Int.self, at: 0), try numbers.decode(Int.self, at: 1), try numbers.decode(Int?.self, at: 2),
                try numbers.decode(Int?.self, at: 3), try numbers.decode(Int.self, at: 4))
            guard documents == count, distinct == count, low == 1, high == count, contractsBilled == count else {
                throw BenchmarkError("billing (\(replicas) replicas): \(documents) documents, \(distinct) numbers from \(low ?? 0) to \(high ?? 0), \(contractsBilled) contracts; expected 1…\(count)")
            }
            let seconds = Double(count) / rate
            let label = replicas == 1 ? "billing, 1 replica" : "billing, 2 replicas"
            report.add("\(label): \(count) invoices with OIOUBL issued and announced (numbers 1…\(count) checked)",
                       String(format: "%.2f s", seconds), "",
                       replicas == 1 ? (seconds < 5 ? "< 5 s met" : "< 5 s MISSED") : "none set")
            report.add(replicas == 1 ? "\(label): invoices/s vs raw pass-through" : "\(label): numbering throughput vs raw pass-through",
                       String(format: "%.0f invoices/s", rate), String(format: "%.2f", rate / passRate), "reported (no ratio set)")
            let peak = processes.compactMap(\.peakResidentMemory).max() ?? 0
            report.memory("\(label): peak resident memory (VmHWM\(replicas == 1 ? "" : ", largest process"))", bytes: peak)
            for process in processes { await process.stop() }
            if replicas == 1 { try await invoiceEventPublishRate(count) }
        }
        _ = try await inspector.purge(queue: BillingEvents.invoicesQueue)
        await inspector.close()
    }

    /// The broker's share, for reading the ratio: raw rabbitmq-c publish + confirm of `count` bodies
    /// of the size of an `invoice.issued` event just issued (taken from `billing.invoices`) into a
    /// quorum queue in batches of 250; no database.
    private func invoiceEventPublishRate(_ count: Int) async throws {
        let consumer = AMQPConsumer(configuration: admin, queue: BillingEvents.invoicesQueue, prefetch: 1, logger: logger)
        let size = await consumer.next(maxCount: 1, timeout: .seconds(5)).first?.body.count
        await consumer.close()
        guard let size else { throw BenchmarkError("billing: no invoice.issued in \(BillingEvents.invoicesQueue)") }
        let queue = try await scratchQueue("invoice-events").1
        let raw = try RawRabbitMQ(admin)
        let rate = try await measureRate(count) {
            try raw.publishConfirmed(count: count, batch: 250, exchange: "bench", routingKey: queue, body: [UInt8](repeating: 0x61, count: size))
        }
        report.add("raw publish+confirm of \(count) bodies of an invoice event's size (\(size) bytes)", String(format: "%.0f msg/s", rate),
                   "", "reference (the broker's share)")
    }

    /// What a benchmark's billing process needs besides the stack: the repository's supplier and
    /// mileage rates, and warnings only in its log.
    static var billingEnvironment: [String: String] {
        ServiceProcess.billingFiles.merging(["LOG_LEVEL": "warning"]) { $1 }
    }
}
