import Contracts
import Foundation
import JSON
import Messaging
import PostgresClient
import XCTest

/// What `JobcenterGrantKeeper` takes for itself and what it leaves to the service's handler (no database).
final class JobcenterGrantKeeperTests: XCTestCase {
    private struct Service: SingleMessageHandler {
        func handle(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult { .handled(events: []) }
    }

    private let now = Date(timeIntervalSince1970: 1_765_150_000)

    func testTheRegistryIsReadByTheKeeperAndEverythingElseByTheService() throws {
        let keeper = JobcenterGrantKeeper(Service(), clock: { [now] in now })
        let body = try JSONCoding.encoder.encode(JobcenterRegisteredPayload(kommunekode: "615", granted: ["766"], registeredAt: now))
        guard case .registration(.success(let registration)) = keeper.read(Envelope(type: JobcenterEvents.registered, producer: "cli", body: body))
        else { return XCTFail("jobcenter.registered went to the service") }
        XCTAssertEqual(registration.granted, ["766"])
        XCTAssertEqual(keeper.partitionKey(of: .registration(.success(registration))), "jobcenter-615", "one jobcenter's changes in order")

        guard case .registration(.failure) = keeper.read(Envelope(type: JobcenterEvents.removed, producer: "cli", body: Array("{}".utf8)))
        else { return XCTFail("a bad jobcenter.removed was not refused") }

        let sheet = Envelope(type: "sheet.submitted", producer: "x", body: [])
        guard case .service(let envelope) = keeper.read(sheet) else { return XCTFail("the service's message went to the keeper") }
        XCTAssertEqual(envelope, sheet)
        XCTAssertEqual(JobcenterGrantKeeper<Service>.keys, ["jobcenter.registered", "jobcenter.removed"])
    }
}
