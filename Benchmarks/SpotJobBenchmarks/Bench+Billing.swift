import AMQPClient
import Foundation
import Messaging
import PostgresClient
import TestSupport

extension Bench {
    /// Billing issuing `count` invoices with their OIOUBL documents (`count` contracts, each with a
    /// line due at signing): contract published → numbered invoice committed → `invoice.issued`
    /// confirmed, with one replica and then with two, against the raw broker pass-through; the
    /// numbers of each run are checked to be 1…count; billing's peak memory.
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

        for replicas in [1, 2] {
            let series = "\(runID)-\(replicas)"
            let processes = try (0..<replicas).map { _ in
                try ServiceProcess(service: "billing", stack: stack, environment: Self.billingEnvironment.merging(["BILLING_NUMBER_SERIES": series]) { $1 })
            }
            defer { for process in processes { process.signal(SIGKILL) } }
            for process in processes { try await process.waitUntilStarted() }
            let memory = processes.map(MemorySampler.init)
            for process in processes { process.signal(SIGSTOP) }
            try await loader.publish((replicas == 1 ? single : try contracts(replicas)).map {
                Envelope(type: "contract.registered", producer: "bench", body: $0).outgoing(exchange: SpotJobTopology.exchange)
            })
            try await checkpoint()
            let start = ContinuousClock.now
            let rate = try await measureRate(count) {
                for process in processes { process.signal(SIGCONT) }
                while true {
                    var published = 0
                    for process in processes { published += await process.publishedEvents(of: "invoice.issued") }
                    if published >= count { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            let elapsed = ContinuousClock.now - start
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
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let label = replicas == 1 ? "billing, 1 replica" : "billing, 2 replicas (numbering throughput)"
            report.rate("\(label): \(count) invoices with OIOUBL, numbers 1…\(count) checked", rate, reference: passRate)
            report.add("\(label): \(count) invoices took", String(format: "%.2f s", seconds), "",
                       seconds < 5 ? "< 5 s met" : "< 5 s MISSED")
            var peak = 0
            for sampler in memory { peak = max(peak, await sampler.stop()) }
            report.memory("\(label): peak resident memory (per process)", bytes: peak)
            for process in processes { await process.stop() }
        }
    }

    /// What a benchmark's billing process needs besides the stack: the repository's supplier and
    /// mileage rates, and warnings only in its log.
    static var billingEnvironment: [String: String] {
        [
            "LOG_LEVEL": "warning",
            "BILLING_SUPPLIER_FILE": ScratchSchema.repositoryRoot.appendingPathComponent("deploy/billing/supplier.json").path,
            "BILLING_MILEAGE_RATES_FILE": ScratchSchema.repositoryRoot.appendingPathComponent("deploy/billing/mileage-rates.csv").path,
        ]
    }
}
