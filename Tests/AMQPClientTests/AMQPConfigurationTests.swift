import AMQPClient
import XCTest

final class AMQPConfigurationTests: XCTestCase {
    func testParsesAFullURL() throws {
        let configuration = try AMQPConfiguration(url: "amqp://intake:s%40cret@127.0.0.1:55672/spotjob?heartbeat=10")
        XCTAssertEqual(configuration.host, "127.0.0.1")
        XCTAssertEqual(configuration.port, 55672)
        XCTAssertEqual(configuration.user, "intake")
        XCTAssertEqual(configuration.password, "s@cret")
        XCTAssertEqual(configuration.virtualHost, "spotjob")
        XCTAssertEqual(configuration.heartbeatSeconds, 10)
    }

    func testDefaultsPortAndVirtualHost() throws {
        let configuration = try AMQPConfiguration(url: "amqp://u:p@broker")
        XCTAssertEqual(configuration.port, 5672)
        XCTAssertEqual(configuration.virtualHost, "/")
        XCTAssertEqual(try AMQPConfiguration(url: "amqp://u:p@broker/%2f").virtualHost, "/")
    }

    func testAnAMQPSURLVerifiesAgainstItsCAFileTheVariablesOrTheSystemsTrustStore() throws {
        let own = try AMQPConfiguration(url: "amqps://u:p@broker/spotjob?cacertfile=/etc/ca.pem", environment: ["AMQP_CA_FILE": "/other.pem"])
        XCTAssertEqual(own.tls, AMQPConfiguration.TLS(caFile: "/etc/ca.pem"))
        XCTAssertEqual(own.port, 5671)
        let fromEnvironment = try AMQPConfiguration(url: "amqps://u:p@broker:25671/spotjob", environment: ["AMQP_CA_FILE": "/other.pem"])
        XCTAssertEqual(fromEnvironment.tls, AMQPConfiguration.TLS(caFile: "/other.pem"))
        XCTAssertEqual(fromEnvironment.port, 25671)
        XCTAssertEqual(try AMQPConfiguration(url: "amqps://u:p@broker/spotjob", environment: [:]).tls, AMQPConfiguration.TLS(caFile: nil))
        XCTAssertNil(try AMQPConfiguration(url: "amqp://u:p@broker/spotjob", environment: ["AMQP_CA_FILE": "/other.pem"]).tls)
        XCTAssertThrowsError(try AMQPConfiguration(url: "amqp://u:p@broker/spotjob?cacertfile=/etc/ca.pem"))
        XCTAssertTrue(fromEnvironment.redactedDescription.hasPrefix("amqps://u@broker:25671"))
    }

    func testRejectsURLsWithoutCredentialsOrOfAnotherScheme() {
        XCTAssertThrowsError(try AMQPConfiguration(url: "amqp://broker/spotjob"))
        XCTAssertThrowsError(try AMQPConfiguration(url: "http://u:p@broker/spotjob"))
        XCTAssertThrowsError(try AMQPConfiguration(url: "amqp://u:p@broker/spotjob?heartbeat=soon"))
    }

    func testRedactedDescriptionHidesThePassword() throws {
        let configuration = try AMQPConfiguration(url: "amqp://intake:hemmeligt@127.0.0.1:55672/spotjob")
        XCTAssertFalse(configuration.redactedDescription.contains("hemmeligt"))
    }
}
