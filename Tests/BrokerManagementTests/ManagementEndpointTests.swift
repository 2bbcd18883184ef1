@testable import BrokerManagement
import XCTest

/// The management URL, read without ever showing its password.
final class ManagementEndpointTests: XCTestCase {
    func testReadsHTTPAndHTTPSURLs() throws {
        let plain = try ManagementEndpoint(url: "http://spotjob-admin:s3cret@localhost:27674")
        XCTAssertEqual(plain, ManagementEndpoint(useTLS: false, host: "localhost", port: 27674, user: "spotjob-admin", password: "s3cret"))
        let tls = try ManagementEndpoint(url: "https://spotjob-admin:s3cret@rabbitmq?cacertfile=/run/secrets/tls_ca")
        XCTAssertEqual(tls.port, 15671, "the management API's TLS port by default")
        XCTAssertTrue(tls.useTLS)
        XCTAssertEqual(tls.caFile, "/run/secrets/tls_ca")
    }

    func testTheDescriptionAndBasicCredentialsKeepThePasswordOutOfSight() throws {
        let endpoint = try ManagementEndpoint(url: "http://spotjob-admin:s3cret@localhost:27674")
        XCTAssertEqual(endpoint.description, "http://spotjob-admin@localhost:27674")
        XCTAssertEqual(endpoint.authorization, "Basic " + Data("spotjob-admin:s3cret".utf8).base64EncodedString())
    }

    func testUnusableURLsAreRefusedWithoutQuotingThem() {
        for url in [
            "amqps://spotjob-admin:s3cret@localhost:5671", "http://localhost:15672", "http://spotjob-admin@localhost",
            "http://spotjob-admin:s3cret@localhost/api", "http://spotjob-admin:s3cret@localhost?cacertfile=/ca.pem",
            "https://spotjob-admin:s3cret@localhost?verify=no",
        ] {
            XCTAssertThrowsError(try ManagementEndpoint(url: url), url) { error in
                guard case ManagementError.badURL = error else { return XCTFail("\(url): \(error)") }
                XCTAssertFalse("\(error)".contains("s3cret"), url)
            }
        }
    }
}
