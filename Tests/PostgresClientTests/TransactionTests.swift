import PostgresClient
import XCTest

final class TransactionTests: XCTestCase {
    private struct Abort: Error {}

    func testTransactionCommits() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { try $0.execute("CREATE TABLE note (body text)") }
            let inserted = try await schema.client.transaction(isolation: .serializable) { connection in
                try connection.execute("INSERT INTO note VALUES ($1), ($2)", ["a", "b"])
            }
            XCTAssertEqual(inserted, 2)
            let other = schema.makeClient()
            let count = try await other.scalar(Int.self, "SELECT count(*) FROM note")
            await other.close()
            XCTAssertEqual(count, 2, "committed rows are visible to another connection")
        }
    }

    func testTransactionRollsBackAndRethrowsWhenTheBodyThrows() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { try $0.execute("CREATE TABLE note (body text)") }
            do {
                try await schema.client.transaction { connection in
                    try connection.execute("INSERT INTO note VALUES ($1)", ["never"])
                    throw Abort()
                }
                XCTFail("the body's error is rethrown")
            } catch is Abort {}
            let count = try await schema.client.scalar(Int.self, "SELECT count(*) FROM note")
            XCTAssertEqual(count, 0)
        }
    }

    /// A body that swallows a statement's error must not look committed: the server aborted the
    /// transaction, so `transaction` rolls back and throws.
    func testTransactionWithSwallowedErrorThrows() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { try $0.execute("CREATE TABLE note (body text)") }
            do {
                try await schema.client.transaction { connection in
                    try connection.execute("INSERT INTO note VALUES ($1)", ["lost"])
                    _ = try? connection.query("SELECT 1 / 0")
                }
                XCTFail("an aborted transaction is reported")
            } catch let error as PostgresError {
                XCTAssertEqual(error.kind, .other)
            }
            let count = try await schema.client.scalar(Int.self, "SELECT count(*) FROM note")
            XCTAssertEqual(count, 0)
        }
    }

    /// A transaction left open by a `withConnection` body is rolled back, not inherited by the next caller.
    func testTransactionLeftOpenIsRolledBack() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { connection in
                try connection.execute("CREATE TABLE note (body text)")
                try connection.execute("BEGIN")
                try connection.execute("INSERT INTO note VALUES ($1)", ["dangling"])
            }
            let count = try await schema.client.scalar(Int.self, "SELECT count(*) FROM note")
            XCTAssertEqual(count, 0)
        }
    }
}
