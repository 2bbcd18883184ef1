import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import AMQPClient
import Intake
import Logging
import Messaging
import TestSupport
import XCTest

/// `/health/live`, `/health/ready` and `/metrics` of the running intake executable.
final class HealthAndMetricsTests: XCTestCase {
    private func get(_ port: Int, _ path: String) async -> (status: Int, body: String) {
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        guard let (data, response) = try? await URLSession.shared.data(from: url),
              let http = response as? HTTPURLResponse
        else { return (0, "") }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    private func waitFor(_ port: Int, _ path: String, status: Int, within: Duration) async -> Bool {
        let deadline = ContinuousClock.now + within
        while ContinuousClock.now < deadline {
            if await get(port, path).status == status { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    func testReadinessFollowsTheBrokerAndMetricsCountMessages() async throws {
        let stack = try LocalStack.fromEnvironment()
        let port = Int.random(in: 20_000..<30_000)
        let intake = try ServiceProcess(service: IntakeEvents.service, stack: stack, environment: ["HTTP_PORT": "\(port)"])
        try await intake.waitUntilStarted()

        let publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: stack.adminAMQPURL), logger: Logger(label: "health-test"))
        try await publisher.publish(
            Envelope(type: IntakeEvents.sheetSubmitted, producer: "test", body: SheetFixtures.body(SheetFixtures.sheet("metrics-\(UUID())")))
                .outgoing(exchange: SpotJobTopology.exchange))
        await publisher.close()

        let live = await get(port, "/health/live")
        XCTAssertEqual(live.status, 200)
        let ready = await waitFor(port, "/health/ready", status: 200, within: .seconds(10))
        XCTAssertTrue(ready, "ready once connected")

        let restart = Task { try await stack.restartRabbitMQ() }
        let notReady = await waitFor(port, "/health/ready", status: 503, within: .seconds(30))
        XCTAssertTrue(notReady, "not ready while the broker is down")
        let down = await get(port, "/health/ready")
        XCTAssertTrue(down.body.contains("\"broker\":false"), down.body)
        try await restart.value
        let readyAgain = await waitFor(port, "/health/ready", status: 200, within: .seconds(30))
        XCTAssertTrue(readyAgain, "ready again after the broker restarted, without restarting intake")

        let metrics = await get(port, "/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.body.contains("spotjob_outbox_backlog"), metrics.body)
        XCTAssertTrue(metrics.body.contains(#"spotjob_messages_consumed_total{type="sheet.submitted"}"#), metrics.body)
        XCTAssertTrue(metrics.body.contains(#"spotjob_messages_published_total{type="opening.registered"}"#), metrics.body)
        XCTAssertTrue(metrics.body.contains("spotjob_message_processing_seconds_bucket"), metrics.body)
        await intake.stop()
    }
}
