@testable import BrokerManagement
import JSON
import NIOHTTP1
import XCTest

/// The calls SpotJob makes, as requests, without a socket.
final class ManagementRequestTests: XCTestCase {
    private func body(_ request: ManagementRequest) throws -> JSONValue {
        try JSONParser.parse(try XCTUnwrap(request.body))
    }

    func testPathSegmentsArePercentEncoded() {
        XCTAssertEqual(ManagementAPI.user("jobcenter-615").path, "/api/users/jobcenter-615")
        XCTAssertEqual(ManagementAPI.queues(vhost: "/").path, "/api/queues/%2F?columns=name,messages")
        XCTAssertEqual(
            ManagementAPI.unbind("jobcenter.615", from: "spotjob.jobcenters", vhost: "spotjob", propertiesKey: "~R7X%a/w").path,
            "/api/bindings/spotjob/e/spotjob.jobcenters/q/jobcenter.615/~R7X%25a%2Fw")
    }

    func testAUserIsCreatedWithItsPasswordAndNoTags() throws {
        let request = try ManagementAPI.putUser("jobcenter-615", password: "pw")
        XCTAssertEqual(request.method, .put)
        XCTAssertEqual(try body(request), .object(["password": .string("pw"), "tags": .string("")]))
        XCTAssertEqual(request.success, [201, 204])
    }

    func testAQueueIsADurableQuorumQueueAndItsBindingMatchesTheHeader() throws {
        let queue = try ManagementAPI.putQuorumQueue("jobcenter.615", vhost: "spotjob")
        XCTAssertEqual(queue.path, "/api/queues/spotjob/jobcenter.615")
        XCTAssertEqual(
            try body(queue),
            .object(["arguments": .object(["x-queue-type": .string("quorum")]), "auto_delete": .bool(false), "durable": .bool(true)]))
        let binding = try ManagementAPI.bindByHeader(
            "jobcenter.615", to: "spotjob.jobcenters", vhost: "spotjob", header: "municipality", value: "766")
        XCTAssertEqual(binding.method, .post)
        XCTAssertEqual(binding.path, "/api/bindings/spotjob/e/spotjob.jobcenters/q/jobcenter.615")
        XCTAssertEqual(
            try body(binding),
            .object(["arguments": .object(["municipality": .string("766"), "x-match": .string("all")]), "routing_key": .string("")]))
    }

    func testAQueueIsDeletedByName() {
        let request = ManagementAPI.deleteQueue("jobcenter.615", vhost: "spotjob")
        XCTAssertEqual(request.method, .delete)
        XCTAssertEqual(request.path, "/api/queues/spotjob/jobcenter.615")
    }

    func testTheHeadCarriesCredentialsAndTheBodyLength() throws {
        let endpoint = ManagementEndpoint(useTLS: false, host: "localhost", port: 27674, user: "admin", password: "pw")
        let put = HTTPExchange.head(of: try ManagementAPI.putUser("u", password: "x"), at: endpoint)
        XCTAssertEqual(put.method, .PUT)
        XCTAssertEqual(put.headers["Authorization"], [endpoint.authorization])
        XCTAssertEqual(put.headers["Content-Type"], ["application/json"])
        XCTAssertEqual(put.headers["Content-Length"], ["\(try XCTUnwrap(ManagementAPI.putUser("u", password: "x").body).count)"])
        XCTAssertEqual(put.headers["Host"], ["localhost:27674"])
        let delete = HTTPExchange.head(of: ManagementAPI.deleteUser("u"), at: endpoint)
        XCTAssertEqual(delete.headers["Content-Length"], ["0"])
    }

    func testRefusalsNameTheCallAndStatusOnly() {
        XCTAssertEqual(
            "\(ManagementError.refused(action: "creating a user", status: 401))",
            "creating a user: the management API refused the credentials (HTTP 401)")
    }
}
