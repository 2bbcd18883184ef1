import PostgresClient
import XCTest

final class PipelineTests: XCTestCase {
    func testPipelineRunsManyStatementsInOneCall() async throws {
        try await TestSchema.with { schema in
            let statements = (0..<1000).map { (n: Int) in
                PostgresStatement("INSERT INTO item (n, label) VALUES ($1, $2)", [n, "item \(n)"])
            } + [PostgresStatement("SELECT count(*), max(n) FROM item")]
            let results = try await schema.client.withConnection { connection in
                try connection.execute("CREATE TABLE item (n integer PRIMARY KEY, label text NOT NULL)")
                return try connection.pipeline(statements)
            }
            XCTAssertEqual(results.count, 1001)
            XCTAssertTrue(results.dropLast().allSatisfy { $0.affectedRows == 1 })
            XCTAssertEqual(try results[1000][0].decode(Int.self, at: 0), 1000, "results come back in order")
            XCTAssertEqual(try results[1000][0].decode(Int.self, at: 1), 999)
            let count = try await schema.client.scalar(Int.self, "SELECT count(*) FROM item")
            XCTAssertEqual(count, 1000)
        }
    }

    /// A failing statement fails the whole batch, which the server runs as one implicit transaction,
    /// and leaves the connection usable.
    func testErrorInTheMiddleAbortsThePipelineCleanly() async throws {
        try await TestSchema.with { schema in
            let statements = [0, 1, 2, 1, 3, 4].map { PostgresStatement("INSERT INTO item (n) VALUES ($1)", [$0]) }
            let (pid, pidAfter, count) = try await schema.client.withConnection { connection in
                try connection.execute("CREATE TABLE item (n integer PRIMARY KEY)")
                let pid = try connection.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
                XCTAssertThrowsError(try connection.pipeline(statements)) { error in
                    XCTAssertEqual((error as? PostgresError)?.kind, .uniqueViolation)
                }
                let count = try connection.query("SELECT count(*) FROM item")[0].decode(Int.self, at: 0)
                let rows = try connection.pipeline([PostgresStatement("SELECT pg_backend_pid()")])
                return (pid, try rows[0][0].decode(Int32.self, at: 0), count)
            }
            XCTAssertEqual(count, 0, "the statements before the failing one are rolled back")
            XCTAssertEqual(pid, pidAfter, "the same connection keeps working, in and out of pipeline mode")
        }
    }

    /// Inside a transaction a failing pipeline aborts the transaction, which rolls back.
    func testPipelineErrorInsideTransactionRollsBack() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { try $0.execute("CREATE TABLE item (n integer PRIMARY KEY)") }
            do {
                try await schema.client.transaction { connection in
                    try connection.execute("INSERT INTO item (n) VALUES (100)")
                    _ = try connection.pipeline([0, 0].map { PostgresStatement("INSERT INTO item (n) VALUES ($1)", [$0]) })
                }
                XCTFail("the duplicate fails the transaction")
            } catch let error as PostgresError {
                XCTAssertEqual(error.kind, .uniqueViolation)
            }
            let count = try await schema.client.scalar(Int.self, "SELECT count(*) FROM item")
            XCTAssertEqual(count, 0)
        }
    }

    /// Replies far larger than the socket buffers while the batch is still being sent: the pipeline
    /// reads while it writes instead of deadlocking.
    func testLargePipelineDoesNotDeadlock() async throws {
        try await TestSchema.with { schema in
            let statements = (0..<4000).map { PostgresStatement("SELECT $1::int, repeat('x', 4000)", [$0]) }
            let results = try await schema.client.withConnection { try $0.pipeline(statements) }
            XCTAssertEqual(results.count, 4000)
            XCTAssertEqual(try results[3999][0].decode(Int.self, at: 0), 3999)
            XCTAssertEqual(try results[0][0].decode(String.self, at: 1).count, 4000)
        }
    }

    func testEmptyPipelineReturnsNothing() async throws {
        try await TestSchema.with { schema in
            let results = try await schema.client.withConnection { try $0.pipeline([]) }
            XCTAssertTrue(results.isEmpty)
        }
    }
}
