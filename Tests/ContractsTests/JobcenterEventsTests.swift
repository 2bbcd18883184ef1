import BodyReading
import Contracts
import Foundation
import JSON
import XCTest

/// The jobcenters' registry events: documented, and read back as written.
final class JobcenterEventsTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_765_150_000)

    func testBothKeysAndEveryFieldAreDocumented() throws {
        for key in JobcenterEvents.all {
            XCTAssertTrue(MessagesDocument.text.contains("`\(key)`"), "docs/messages.md does not document \(key)")
        }
        for field in ["kommunekode", "granted", "registeredAt", "removedAt"] {
            XCTAssertTrue(MessagesDocument.text.contains("`\(field)`"), "docs/messages.md does not document \(field)")
        }
    }

    func testARegistrationReadsBackWithoutTheJobcentersOwnMunicipality() throws {
        let body = try JSONCoding.encoder.encode(JobcenterRegisteredPayload(kommunekode: "615", granted: ["766", "615"], registeredAt: now))
        XCTAssertEqual(
            try JobcenterRegistration.read(body, removed: false, readAt: now).get(),
            JobcenterRegistration(kommunekode: "615", granted: ["766"], at: now))
        let removal = try JSONCoding.encoder.encode(JobcenterRemovedPayload(kommunekode: "615", removedAt: now))
        XCTAssertEqual(try JobcenterRegistration.read(removal, removed: true, readAt: now).get(), JobcenterRegistration(kommunekode: "615", granted: [], at: now))
    }

    func testABadRegistrationNamesEveryField() throws {
        let body = Array(#"{"kommunekode":"999","granted":["766","Atlantis"],"registeredAt":"yesterday"}"#.utf8)
        guard case .failure(let rejection) = JobcenterRegistration.read(body, removed: false, readAt: now) else {
            return XCTFail("a bad registration was read")
        }
        XCTAssertEqual(Set(rejection.errors.map(\.field)), ["kommunekode", "granted[1]", "registeredAt"])
    }
}
