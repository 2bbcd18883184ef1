import AMQPClient
import Foundation
import Logging
import TestSupport
import XCTest

/// `amqps://` against the local stack's TLS listener: the broker's chain and host name are verified,
/// and a connection that cannot verify them is refused before anything is sent.
final class AMQPTLSTests: XCTestCase {
    private let logger = Logger(label: "amqp-tls-test")

    private func publishes(with configuration: AMQPConfiguration) async -> AMQPError? {
        let publisher = AMQPPublisher(configuration: configuration, logger: logger)
        defer { Task { await publisher.close() } }
        do {
            try await publisher.publish(OutgoingMessage(exchange: "", routingKey: "amq.no-such-queue", body: Array("x".utf8)))
            return nil
        } catch {
            return error
        }
    }

    func testTheStacksURLsUseTLSAndVerifyAgainstItsCA() async throws {
        let stack = try LocalStack.fromEnvironment()
        let configuration = try AMQPConfiguration(url: stack.adminAMQPURL)
        XCTAssertNotNil(configuration.tls, "the local stack's URLs are amqps://")
        XCTAssertNotNil(configuration.tls?.caFile)
        let error = await publishes(with: configuration)
        XCTAssertNil(error)
    }

    func testABrokerCertificateNotSignedByATrustedAuthorityIsRefused() async throws {
        var untrusted = try AMQPConfiguration(url: LocalStack.fromEnvironment().adminAMQPURL)
        untrusted.tls = AMQPConfiguration.TLS(caFile: nil)
        guard case .connectionFailed? = await publishes(with: untrusted) else {
            return XCTFail("the system's trust store does not hold the stack's own authority")
        }
    }

    func testABrokerWhoseCertificateNamesAnotherHostIsRefused() async throws {
        var misnamed = try AMQPConfiguration(url: LocalStack.fromEnvironment().adminAMQPURL)
        // This machine's own name reaches the same loopback listener, but the certificate names
        // only localhost (and the address 127.0.0.1).
        misnamed.host = ProcessInfo.processInfo.hostName
        let error = await publishes(with: misnamed)
        guard case .connectionFailed(let why)? = error else {
            return XCTFail("a host name the certificate does not carry is refused, got \(String(describing: error))")
        }
        XCTAssertFalse(why.contains("a socket error"), "refused by the certificate check, not unreachable: \(why)")
    }
}
