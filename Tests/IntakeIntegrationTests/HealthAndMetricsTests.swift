import Foundation
import AMQPClient
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
}
