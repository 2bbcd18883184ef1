import AMQPClient
import Contracts
import Foundation
import JSON
import Logging
import PostgresClient
import TestSupport
import XCTest

/// A jobcenter system on its own network (issue #20, item 5): in a network namespace of its own, it
/// reaches the broker's TLS port at a non-loopback address of a test host, sends Horsens' sheets and
/// candidate profiles as `jobcenter-615` and reads its queue with amqp-tools' `amqp-consume`, while
/// tcpdump captures the link. The capture must hold none of the CPR numbers, e-mail addresses or
/// phone numbers the jobcenter sent or read. Needs root (network namespaces, iptables, tcpdump).
final class JobcenterNetworkTests: XCTestCase {
    private var stack: LocalStack!
    private var services: [ServiceProcess] = []
    private let logger = Logger(label: "jobcenter-network-test")
    private var prefix = ""

    override func setUp() async throws {
        guard getuid() == 0 else { throw NeedsRoot() }
        stack = try LocalStack.fromEnvironment()
        prefix = "jn-\(UUID().uuidString.prefix(8).lowercased())"
        let inspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        _ = try await inspector.purge(queue: "jobcenter.615")
        await inspector.close()
        services = [
            try ServiceProcess(service: IntakeEvents.service, stack: stack),
            try ServiceProcess(service: FollowupEvents.service, stack: stack),
            try ServiceProcess(service: MatchingEvents.service, stack: stack, environment: ServiceProcess.freshCPRKeys()),
        ]
        for service in services { try await service.waitUntilStarted() }
    }

    override func tearDown() async throws {
        for service in services { await service.stop() }
    }

    func testAJobcenterOnItsOwnNetworkSendsAndReadsOverTLSAndTheLinkCarriesNoPersonalData() async throws {
        let brokerName = try XCTUnwrap(ProcessInfo.processInfo.environment["SPOTJOB_BROKER_TEST_NAME"], "source the stack's env")
        let horsens = try JobcenterQueue("615").user
        let network = try TestNetwork(forwarding: horsens.port, as: brokerName)
        defer { network.remove() }
        let capture = try await PacketCapture(interface: network.hostInterface)

        let sheets = (1...2).map { sheet($0) }, profiles = (1...2).map { profile($0) }
        let lines = sheets.map { "\(IntakeEvents.sheetSubmitted) \($0.body)" } + profiles.map { "\(MatchingEvents.candidateProfiled) \($0.body)" }
        let url = "amqps://\(horsens.user):\(horsens.password)@\(brokerName):\(horsens.port)/\(horsens.virtualHost)"
        try Command.run(
            network.inside([ServiceProcess.buildDirectory.appendingPathComponent("JobcenterSender").path]),
            standardInput: lines.joined(separator: "\n") + "\n",
            environment: ProcessInfo.processInfo.environment.merging(["SENDER_AMQP_URL": url, "AMQP_CA_FILE": stack.caFile]) { $1 })

        let openings = try await openingIds(of: sheets.map(\.id))
        try await waitUntilMatchingStores(profiles.map(\.id))
        let reader = try BackgroundProcess(network.inside([
            "amqp-consume", "--ssl", "--cacert", stack.caFile, "--url", url, "--heartbeat", "5", "--prefetch-count", "10", "--queue", "jobcenter.615", "--", "sh", "-c", "cat; echo",
        ]))
        defer { reader.kill() }
        do {
            try await waitUntil("jobcenter.615 delivered each opening's task and proposals over the link", timeout: .seconds(30)) {
                let read = reader.output.split(separator: "\n")
                return openings.allSatisfy { opening in
                    read.contains { $0.contains(opening) && $0.contains("\"taskId\"") } && read.contains { $0.contains(opening) && $0.contains("\"proposals\"") }
                }
            }
        } catch {
            XCTFail("amqp-consume read: \(reader.output.suffix(2_000))")
            throw error
        }
        let read = reader.output
        reader.kill()
        for sheet in sheets {
            XCTAssertTrue(read.contains(sheet.email), "the task the jobcenter read names the contact it sent: it crossed the link both ways")
        }

        try await capture.stop()
        let captured = try capture.bytes()
        let sent = lines.reduce(0) { $0 + $1.utf8.count }
        XCTAssertGreaterThan(captured.count, sent, "the capture holds the link's traffic")
        XCTAssertTrue(captured.contains(Array(brokerName.utf8)), "the capture finds plain text on the link: the TLS handshake's server name")
        let personal = sheets.flatMap { [$0.email, $0.phone, $0.phone.filter(\.isNumber)] }
            + profiles.flatMap { [$0.cpr, $0.cpr.filter(\.isNumber)] }
        for value in personal {
            XCTAssertFalse(captured.contains(Array(value.utf8)), "a value the jobcenter sent crossed the link in plain text")
        }
    }

    private struct NeedsRoot: Error, CustomStringConvertible {
        var description: String { "network namespaces, iptables and tcpdump need root: run the tests as deploy/test.sh does" }
    }

    // MARK: What the jobcenter sends

    private struct Sent {
        let id: String
        let body: String
        var email = "", phone = "", cpr = ""
    }

    /// A Horsens sheet whose contact has an e-mail address and phone number of this run alone.
    private func sheet(_ number: Int) -> Sent {
        let id = "\(prefix)-sheet-\(number)", email = "kontakt.\(prefix)-\(number)@bygholm-kantine.dk"
        let phone = "+45 \((1...4).map { _ in String(Int.random(in: 20...99)) }.joined(separator: " "))"
        let fields = HorsensJobShopSheet.fields(sheetId: id, overriding: [
            "source": prefix, "submittedAt": RFC3339.format(Date()),
            "contact": ["name": "Mette Kjær", "phone": phone, "email": email],
        ])
        return Sent(id: id, body: String(decoding: HorsensJobShopSheet.json(fields), as: UTF8.self), email: email, phone: phone)
    }

    /// A Horsens candidate with a fictitious CPR number of this run alone.
    private func profile(_ number: Int) -> Sent {
        let id = "\(prefix)-candidate-\(number)"
        let cpr = String(format: "%02d%02d%02d-%04d", Int.random(in: 1...28), Int.random(in: 1...12), Int.random(in: 60...99), Int.random(in: 1000...9999))
        let fields: [String: Any] = [
            "candidateId": id, "jobcenter": "615", "cpr": cpr, "homeMunicipality": "615",
            "categories": ["kitchen-cleaning"], "tasks": ["Opvask"], "hoursPerWeek": ["min": 5, "max": 15],
            "unemployedSince": "2025-01-15", "submittedAt": RFC3339.format(Date()),
        ]
        return Sent(id: id, body: String(decoding: HorsensJobShopSheet.json(fields), as: UTF8.self), cpr: cpr)
    }

    // MARK: What the services did

    /// The openings intake registered for the sheets, as followup holds them, in lower case.
    private func openingIds(of sheetIds: [String]) async throws -> [String] {
        var found: [String] = []
        try await withDatabase(FollowupEvents.service) { database in
            try await waitUntil("followup opened a task for each sheet", timeout: .seconds(30)) {
                found = try await database.withConnection {
                    try $0.query("SELECT opening_id FROM openings WHERE sheet_id = ANY($1)", [PostgresArray(sheetIds)]).map { try $0.decode(UUID.self, at: 0) }
                }.map { $0.uuidString.lowercased() }
                return found.count == sheetIds.count
            }
        }
        return found
    }

    private func waitUntilMatchingStores(_ candidateIds: [String]) async throws {
        try await withDatabase(MatchingEvents.service) { database in
            try await waitUntil("matching stored each profile", timeout: .seconds(30)) {
                try await database.withConnection {
                    try $0.query("SELECT count(*) FROM candidates WHERE candidate_id = ANY($1)", [PostgresArray(candidateIds)]).first?.decode(Int.self, at: 0)
                } == candidateIds.count
            }
        }
    }

    private func withDatabase(_ service: String, _ body: (PostgresClient) async throws -> Void) async throws {
        let database = PostgresClient(configuration: PostgresConfiguration(url: stack.databaseURL(service: service)), logger: logger)
        do {
            try await body(database)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
