import AMQPClient
import Contracts
import Foundation
import Intake
import Logging
import Messaging
import TestSupport
import XCTest

/// `/health/live`, `/health/ready` and `/metrics` of the running intake executable.
final class HealthAndMetricsTests: XCTestCase {
    private func waitFor(_ service: ServiceProcess, _ path: String, status: Int, within: Duration) async -> Bool {
        let deadline = ContinuousClock.now + within
        while ContinuousClock.now < deadline {
            if await service.get(path).status == status { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    func testReadinessFollowsTheBrokerAndMetricsCountMessages() async throws {
        let stack = try LocalStack.fromEnvironment()
        let intake = try ServiceProcess(service: IntakeEvents.service, stack: stack)

        let publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.adminAMQPURL), logger: Logger(label: "health-test"))
        try await publisher.publish(
            Envelope(type: IntakeEvents.sheetSubmitted, producer: "test", body: HorsensJobShopSheet.json(HorsensJobShopSheet.fields(sheetId: "metrics-\(UUID())")))
                .outgoing(exchange: SpotJobTopology.exchange))
        await publisher.close()

        let live = await waitFor(intake, "/health/live", status: 200, within: .seconds(30))
        XCTAssertTrue(live, "live as soon as the HTTP server listens")
        let ready = await waitFor(intake, "/health/ready", status: 200, within: .seconds(30))
        XCTAssertTrue(ready, "ready once connected")

        let restart = Task { try await stack.restartRabbitMQ() }
        let notReady = await waitFor(intake, "/health/ready", status: 503, within: .seconds(30))
        XCTAssertTrue(notReady, "not ready while the broker is down")
        let down = await intake.get("/health/ready")
        XCTAssertTrue(down.body.contains("\"broker\":false"), down.body)
        try await restart.value
        let readyAgain = await waitFor(intake, "/health/ready", status: 200, within: .seconds(30))
        XCTAssertTrue(readyAgain, "ready again after the broker restarted, without restarting intake")

        let metrics = await intake.get("/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.body.contains("spotjob_outbox_backlog"), metrics.body)
        XCTAssertTrue(metrics.body.contains(#"spotjob_messages_consumed_total{type="sheet.submitted"}"#), metrics.body)
        XCTAssertTrue(metrics.body.contains(#"spotjob_messages_published_total{type="opening.registered"}"#), metrics.body)
        XCTAssertTrue(metrics.body.contains("spotjob_message_processing_seconds_bucket"), metrics.body)
        await intake.stop()
    }

    /// `HTTP_HOST=127.0.0.1` (as the local stack and the tests set it) binds loopback only, not
    /// every interface.
    func testHealthServerListensOnTheConfiguredAddressOnly() async throws {
        let stack = try LocalStack.fromEnvironment()
        let intake = try ServiceProcess(service: IntakeEvents.service, stack: stack)
        try await intake.waitUntilStarted()
        let listening = try listeningAddresses(port: intake.httpPort)
        XCTAssertEqual(listening, ["127.0.0.1"], "the health server listens on loopback only")
        await intake.stop()
    }

    /// The local IPv4 addresses with a socket listening on `port`, from `/proc/net/tcp` (and any IPv6
    /// listener from `/proc/net/tcp6`, written as `[v6]`).
    private func listeningAddresses(port: Int) throws -> [String] {
        let hexPort = String(format: "%04X", port)
        var addresses: [String] = []
        for (file, isV6) in [("/proc/net/tcp", false), ("/proc/net/tcp6", true)] {
            guard let table = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in table.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ", omittingEmptySubsequences: true)
                // local_address is ADDRESS:PORT in hex; state 0A is LISTEN.
                guard columns.count > 3, columns[3] == "0A" else { continue }
                let local = columns[1].split(separator: ":")
                guard local.count == 2, local[1] == hexPort else { continue }
                if isV6 {
                    addresses.append("[v6]")
                } else {
                    let bytes = stride(from: 6, through: 0, by: -2).map { offset -> String in
                        let start = local[0].index(local[0].startIndex, offsetBy: offset)
                        return String(UInt8(local[0][start..<local[0].index(start, offsetBy: 2)], radix: 16) ?? 0)
                    }
                    addresses.append(bytes.joined(separator: "."))
                }
            }
        }
        return addresses
    }
}
