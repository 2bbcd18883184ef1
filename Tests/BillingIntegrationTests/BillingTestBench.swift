import AMQPClient
import Contracts
import Foundation
import Logging
import Messaging
import PostgresClient
import TestSupport
import XCTest

/// What billing's integration tests share: the real stack, a numbering series of the test's own
/// (so its numbers run 1, 2, 3, … whatever other tests issued), contracts of its own (ids start
/// with the test's prefix), billing processes, a publisher and an observer of billing's events.
final class BillingTestBench {
    let stack: LocalStack
    let prefix = "t-\(UUID().uuidString.prefix(8).lowercased())"
    let series: String
    let logger = Logger(label: "billing-test")
    let publisher: AMQPPublisher
    let database: PostgresClient
    let observer: EventObserver
    private var processes: [ServiceProcess] = []

    static let validator = ScratchSchema.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/validate-oioubl").path

    init() async throws {
        stack = try LocalStack.fromEnvironment()
        series = "test-\(prefix)"
        publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.adminAMQPURL), logger: logger)
        database = PostgresClient(configuration: PostgresConfiguration(url: stack.databaseURL(service: "billing")), logger: logger)
        observer = try EventObserver(stack: stack, routingKeys: BillingEvents.emitted, logger: logger)
        await observer.start()
        // The invoice queue of billing staff carries credit notes too (deploy/rabbitmq/topology.tsv);
        // a stack provisioned before billing existed has only the invoice.issued binding.
        let inspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        try await inspector.declare(Topology(
            queues: [.init(name: BillingEvents.invoicesQueue, arguments: ["x-queue-type": .string("quorum")])],
            bindings: [BillingEvents.invoiceIssued, BillingEvents.creditNoteIssued].map {
                .init(queue: BillingEvents.invoicesQueue, exchange: SpotJobTopology.exchange, routingKey: $0)
            }))
        await inspector.close()
    }

    /// Starts a billing process on this test's series and waits until it consumes.
    @discardableResult
    func startBilling() async throws -> ServiceProcess {
        let process = try ServiceProcess(service: BillingEvents.service, stack: stack, environment: ServiceProcess.billingFiles.merging([
            "BILLING_NUMBER_SERIES": series, "LOG_LEVEL": "info",
        ]) { $1 })
        processes.append(process)
        try await process.waitUntilStarted()
        return process
    }

    func close() async {
        for process in processes where process.isRunning { await process.stop() }
        await observer.close()
        await publisher.close()
        await database.close()
    }

    // MARK: Publishing

    func publish(_ type: String, _ bodies: [[String: Any]], messageID: UUID? = nil) async throws {
        try await publisher.publish(bodies.map { body in
            Envelope(messageID: messageID ?? UUID(), type: type, producer: "billing-test",
                     body: [UInt8](try! JSONSerialization.data(withJSONObject: body)))
                .outgoing(exchange: SpotJobTopology.exchange)
        })
    }

    /// A contract of the demo (`deploy/demo/contract-NAME.json`) under this test's id `suffix`.
    func demoContract(_ name: String, id suffix: String, _ changes: (inout [String: Any]) -> Void = { _ in }) throws -> [String: Any] {
        let data = try Data(contentsOf: ScratchSchema.repositoryRoot.appendingPathComponent("deploy/demo/contract-\(name).json"))
        var contract = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        contract["contractId"] = contractId(suffix)
        changes(&contract)
        return contract
    }

    /// A contract with one line due at signing.
    func simpleContract(id suffix: String, amountOre: Int = 100_000_00) throws -> [String: Any] {
        try demoContract("ishoj", id: suffix) { contract in
            contract["schedule"] = [["lineId": "signing", "description": "Ved underskrift", "amountOre": amountOre, "due": ["signed": true]]]
        }
    }

    func contractId(_ suffix: String) -> String { "\(prefix)-\(suffix)" }

    // MARK: Observing

    /// This test's events (by contract id prefix; credit notes and rejections by contract too, and
    /// billing's rejections of a message naming no contract), collected until `count` arrived, then
    /// `settle` more.
    func events(_ count: Int, settle: Duration = .milliseconds(800), timeout: Duration = .seconds(60)) async throws -> [ObservedEvent] {
        try await observer.events(count, timeout: timeout, settle: settle) { [prefix] event in
            if let document = event.document { return document.contractId.hasPrefix(prefix) }
            guard let rejected = event.rejected else { return false }
            guard let contractId = rejected.contractId else { return event.appID == BillingEvents.service }
            return contractId.hasPrefix(prefix)
        }
    }

    // MARK: Database

    /// Numbers issued in this test's series, ascending.
    func numbers() async throws -> [Int] {
        try await database.withConnection { [series] in
            try $0.query("SELECT number FROM documents WHERE series = $1 ORDER BY number", [series]).map { try $0.decode(Int.self, at: 0) }
        }
    }

    func count(_ sql: String, _ binds: [(any PostgresEncodable)?]) async throws -> Int {
        try await database.withConnection { try $0.query(sql, binds).first?.decode(Int.self, at: 0) ?? 0 }
    }

    /// Waits until this test's series holds `count` documents.
    func waitForDocuments(_ count: Int, timeout: Duration = .seconds(120)) async throws -> [Int] {
        let deadline = ContinuousClock.now + timeout
        var numbers: [Int] = []
        while ContinuousClock.now < deadline {
            numbers = try await self.numbers()
            if numbers.count >= count { return numbers }
            try await Task.sleep(for: .milliseconds(200))
        }
        return numbers
    }

    /// Runs the OIOUBL validator on `documents`; the validator's output when it refuses one.
    func validate(_ documents: [String]) throws -> (passed: Bool, output: String) {
        guard FileManager.default.isExecutableFile(atPath: Self.validator) else {
            return (false, "no OIOUBL validator at \(Self.validator)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("billing-oioubl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try documents.enumerated().map { index, xml in
            let file = directory.appendingPathComponent("document-\(index).xml")
            try Data(xml.utf8).write(to: file)
            return file.path
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.validator)
        process.arguments = files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus == 0, output)
    }
}

/// A billing integration test: a fresh ``BillingTestBench`` (own series, own contracts) per test.
class BillingIntegrationTestCase: XCTestCase {
    var bench: BillingTestBench!

    override func setUp() async throws {
        bench = try await BillingTestBench()
    }

    override func tearDown() async throws {
        await bench?.close()
    }

    /// The `invoice.issued` documents among `events`, by number.
    func invoices(_ events: [ObservedEvent]) -> [DocumentIssuedPayload] {
        events.filter { $0.routingKey == BillingEvents.invoiceIssued }.compactMap(\.document).sorted { $0.invoiceNumber < $1.invoiceNumber }
    }
}

extension ObservedEvent {
    /// The body of `invoice.issued` and `credit-note.issued`.
    var document: DocumentIssuedPayload? { body(DocumentIssuedPayload.self) }
}
