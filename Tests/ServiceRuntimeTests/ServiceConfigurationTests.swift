import Logging
import ServiceRuntime
import XCTest

final class ServiceConfigurationTests: XCTestCase {
    private let minimal = [
        "DATABASE_URL": "postgresql://intake:pw@127.0.0.1:55432/spotjob",
        "AMQP_URL": "amqp://intake:pw@127.0.0.1:55672/spotjob",
        "MIGRATIONS_DIR": "/app/migrations",
    ]

    func testDefaults() throws {
        let configuration = try ServiceConfiguration(service: "intake", environment: minimal)
        XCTAssertEqual(configuration.logLevel, .info)
        XCTAssertEqual(configuration.batchSize, 250)
        XCTAssertEqual(configuration.lanes, 2)
        XCTAssertEqual(configuration.httpHost, "0.0.0.0")
        XCTAssertEqual(configuration.httpPort, 8080)
        XCTAssertEqual(configuration.migrationDirectories.map(\.path), ["/app/migrations/common", "/app/migrations/intake"])
    }

    func testReadsEveryVariable() throws {
        let configuration = try ServiceConfiguration(service: "intake", environment: minimal.merging([
            "LOG_LEVEL": "DEBUG", "LOG_FORMAT": "text", "BATCH_SIZE": "25", "HTTP_HOST": "127.0.0.1", "HTTP_PORT": "9090",
        ]) { $1 })
        XCTAssertEqual(configuration.logLevel, .debug)
        XCTAssertEqual(configuration.logFormat, .text)
        XCTAssertEqual(configuration.batchSize, 25)
        XCTAssertEqual(configuration.httpHost, "127.0.0.1")
        XCTAssertEqual(configuration.httpPort, 9090)
    }

    func testAMissingVariableIsNamed() {
        var environment = minimal
        environment["AMQP_URL"] = nil
        XCTAssertThrowsError(try ServiceConfiguration(service: "intake", environment: environment)) { error in
            XCTAssertEqual("\(error)", "the environment variable AMQP_URL is not set")
        }
    }

    func testAnInvalidVariableSaysWhatIsExpected() {
        for (name, value) in [("BATCH_SIZE", "0"), ("LANES", "0"), ("HTTP_PORT", "http"), ("HTTP_HOST", ""), ("LOG_LEVEL", "loud"), ("LOG_FORMAT", "xml")] {
            XCTAssertThrowsError(try ServiceConfiguration(service: "intake", environment: minimal.merging([name: value]) { $1 })) { error in
                XCTAssertTrue("\(error)".hasPrefix("the environment variable \(name) is invalid: expected"), "\(error)")
            }
        }
    }
}
