import PostgresClient
import XCTest

/// Statements are prepared on their second run; the results must not change.
final class PreparedStatementTests: XCTestCase {
    private let insert = "INSERT INTO item (n) VALUES ($1)"

    func testRepeatedCommandIsPreparedAndSurvivesSchemaChanges() async throws {
        try await TestSchema.with { schema in
            let (prepared, count) = try await schema.client.withConnection { [insert] connection in
                try connection.execute("CREATE TABLE item (n integer NOT NULL)")
                for n in 1...3 {
                    try connection.execute(insert, [n])
                }
                let prepared = try preparedCount(of: insert, on: connection)
                try connection.execute("ALTER TABLE item ADD COLUMN note text, ALTER COLUMN n TYPE bigint")
                try connection.execute(insert, [4])
                let count = try connection.query("SELECT count(*) FROM item WHERE note IS NULL")[0].decode(Int.self, at: 0)
                return (prepared, count)
            }
            XCTAssertEqual(prepared, 1)
            XCTAssertEqual(count, 4)
        }
    }

    /// The first pipeline runs unnamed; the next prepares the statement in the same round trip.
    func testPipelinePreparesWithinTheBatch() async throws {
        try await TestSchema.with { schema in
            let (prepared, count) = try await schema.client.withConnection { [insert] connection in
                try connection.execute("CREATE TABLE item (n integer NOT NULL)")
                for batch in 0..<3 {
                    let results = try connection.pipeline((0..<100).map { PostgresStatement(insert, [batch * 100 + $0]) })
                    XCTAssertEqual(results.map(\.affectedRows), Array(repeating: 1, count: 100))
                }
                return (
                    try preparedCount(of: insert, on: connection),
                    try connection.query("SELECT count(DISTINCT n) FROM item")[0].decode(Int.self, at: 0)
                )
            }
            XCTAssertEqual(prepared, 1)
            XCTAssertEqual(count, 300)
        }
    }

    /// A preparation skipped because an earlier statement of the pipeline failed is not remembered.
    func testAbortedPreparationIsForgotten() async throws {
        try await TestSchema.with { schema in
            let count = try await schema.client.withConnection { [insert] connection in
                try connection.execute("CREATE TABLE item (n integer NOT NULL)")
                try connection.execute(insert, [1])
                XCTAssertThrowsError(try connection.pipeline([PostgresStatement("SELECT 1 / 0"), PostgresStatement(insert, [2])]))
                XCTAssertEqual(try preparedCount(of: insert, on: connection), 0)
                try connection.execute(insert, [3])
                try connection.execute(insert, [4])
                return try connection.query("SELECT count(*) FROM item")[0].decode(Int.self, at: 0)
            }
            XCTAssertEqual(count, 3)
        }
    }

    /// A repeated query is prepared too; when a schema change alters its result type it fails once
    /// (0A000) and is prepared afresh on the next run.
    func testRepeatedQueryIsPreparedAndRecoversFromAResultTypeChange() async throws {
        try await TestSchema.with { schema in
            let select = "SELECT * FROM item WHERE n > $1"
            let (prepared, columns) = try await schema.client.withConnection { connection in
                try connection.execute("CREATE TABLE item (n integer NOT NULL)")
                try connection.execute("INSERT INTO item (n) VALUES (1), (2)")
                for _ in 1...3 { XCTAssertEqual(try connection.query(select, [0]).count, 2) }
                let prepared = try preparedCount(of: select, on: connection)
                try connection.execute("ALTER TABLE item ADD COLUMN note text")
                XCTAssertThrowsError(try connection.query(select, [0])) { error in
                    XCTAssertEqual((error as? PostgresError)?.sqlState, "0A000")
                }
                return (prepared, try connection.query(select, [0]).columnNames)
            }
            XCTAssertEqual(prepared, 1)
            XCTAssertEqual(columns, ["n", "note"])
        }
    }

    /// Statements deallocated behind the connection's back fail once, then run again.
    func testDeallocatedStatementFailsOnceThenRecovers() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { [insert] connection in
                try connection.execute("CREATE TABLE item (n integer NOT NULL)")
                for n in 1...2 {
                    try connection.execute(insert, [n])
                }
                try connection.execute("DEALLOCATE ALL")
                XCTAssertThrowsError(try connection.execute(insert, [3])) { error in
                    XCTAssertEqual((error as? PostgresError)?.sqlState, "26000")
                }
                try connection.execute(insert, [4])
            }
        }
    }
}

private func preparedCount(of sql: String, on connection: PostgresConnection) throws -> Int {
    try connection.query("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", [sql])[0]
        .decode(Int.self, at: 0)
}
