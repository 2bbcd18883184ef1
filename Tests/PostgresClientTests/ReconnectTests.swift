import PostgresClient
import XCTest

final class ReconnectTests: XCTestCase {
    /// After a server restart the same client works again, without restarting the process.
    func testQueryAfterServerRestartSucceeds() async throws {
        try await TestSchema.with { schema in
            let before = try await schema.client.scalar(Int32.self, "SELECT pg_backend_pid()")
            try await schema.stack.restartPostgres()
            let after = try await schema.client.scalar(Int32.self, "SELECT pg_backend_pid()")
            XCTAssertNotEqual(before, after, "a new session")
            let timeZone = try await schema.client.scalar(String.self, "SHOW TimeZone")
            XCTAssertEqual(timeZone, "UTC", "the new session is set up like the first")
        }
    }

    /// A connection that breaks while a body runs reports `connectionLost`, and the next call reconnects.
    func testConnectionLostDuringBodyIsReportedThenReconnects() async throws {
        try await TestSchema.with { schema in
            let before = try await schema.client.scalar(Int32.self, "SELECT pg_backend_pid()")
            do {
                try await schema.client.withConnection { try $0.execute("SELECT pg_terminate_backend(pg_backend_pid())") }
                XCTFail("the backend was terminated")
            } catch let error as PostgresError {
                XCTAssertEqual(error.kind, .connectionLost)
                XCTAssertTrue(error.isTransient)
            }
            let after = try await schema.client.scalar(Int32.self, "SELECT pg_backend_pid()")
            XCTAssertNotEqual(before, after)
        }
    }

    /// A connection the server closed while it sat idle is noticed before use, so the call succeeds.
    func testConnectionClosedWhileIdleIsReplacedBeforeUse() async throws {
        try await TestSchema.with { schema in
            let before = try await schema.client.scalar(Int32.self, "SELECT pg_backend_pid()")
            let admin = schema.makeClient()
            _ = try await admin.scalar(Bool.self, "SELECT pg_terminate_backend($1)", [before])
            await admin.close()
            try await Task.sleep(for: .milliseconds(200))
            let after = try await schema.client.scalar(Int32.self, "SELECT pg_backend_pid()")
            XCTAssertNotEqual(before, after)
        }
    }
}
