import BrokerManagement
import JSON
import XCTest

/// The management API's listings as the broker writes them.
final class ManagementListingTests: XCTestCase {
    private func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    func testUsersAndQueues() throws {
        XCTAssertEqual(
            try ManagementListing.userNames(try json(#"[{"name":"intake","tags":[]},{"name":"jobcenter-615","tags":[]}]"#), action: "a"),
            ["intake", "jobcenter-615"])
        XCTAssertEqual(
            try ManagementListing.queueMessages(try json(#"[{"name":"jobcenter.615","messages":3},{"name":"fresh"}]"#), action: "a"),
            ["jobcenter.615": 3, "fresh": 0], "a queue the broker has not sampled yet counts 0")
    }

    func testHeaderBindingsToQueues() throws {
        let listing = try json("""
            [{"source":"spotjob.jobcenters","destination":"jobcenter.615","destination_type":"queue","routing_key":"",
              "arguments":{"municipality":"766","x-match":"all"},"properties_key":"~abc"},
             {"source":"spotjob.jobcenters","destination":"other","destination_type":"exchange","routing_key":"",
              "arguments":{},"properties_key":"~"},
             {"source":"spotjob.jobcenters","destination":"jobcenter.183","destination_type":"queue","routing_key":"x",
              "arguments":{},"properties_key":"x"}]
            """)
        XCTAssertEqual(
            try ManagementListing.headerBindings(listing, header: "municipality", action: "a"),
            [.init(queue: "jobcenter.615", value: "766", propertiesKey: "~abc"), .init(queue: "jobcenter.183", value: nil, propertiesKey: "x")])
    }

    func testAnAnswerOfAnotherShapeIsAnError() throws {
        XCTAssertThrowsError(try ManagementListing.userNames(try json(#"{"error":"x"}"#), action: "listing users")) { error in
            XCTAssertEqual(error as? ManagementError, .malformedResponse(action: "listing users"))
        }
        XCTAssertThrowsError(try ManagementListing.queueMessages(try json(#"[{"messages":1}]"#), action: "a"))
    }
}
