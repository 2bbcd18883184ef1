@testable import PostgresClient
import XCTest

final class ErrorTests: XCTestCase {
    func testUniqueViolationIsMappedWithoutTheValueInTheDescription() async throws {
        try await TestSchema.with { schema in
            let email = "jens.hansen@example.dk"
            do {
                try await schema.client.withConnection { connection in
                    try connection.execute("CREATE TABLE person (email text CONSTRAINT person_email_key UNIQUE)")
                    try connection.execute("INSERT INTO person (email) VALUES ($1)", [email])
                    try connection.execute("INSERT INTO person (email) VALUES ($1)", [email])
                }
                XCTFail("the second insert violates the unique constraint")
            } catch let error as PostgresError {
                XCTAssertEqual(error.kind, .uniqueViolation)
                XCTAssertEqual(error.sqlState, "23505")
                XCTAssertEqual(error.constraintName, "person_email_key")
                XCTAssertFalse(error.isTransient)
                XCTAssertFalse(error.description.contains(email), error.description)
            }
            let count = try await schema.client.scalar(Int.self, "SELECT count(*) FROM person")
            XCTAssertEqual(count, 1, "the client stays usable after a statement error")
        }
    }

    /// Two transactions that lock the same rows in opposite order: the server aborts one of them.
    func testDeadlockIsMappedAndTransient() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { connection in
                try connection.execute("CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL)")
                try connection.execute("INSERT INTO account VALUES (1, 0), (2, 0)")
            }
            let errors = try await concurrently(schema) { connection, first in
                try connection.transaction { connection in
                    try connection.execute("UPDATE account SET balance = balance + 1 WHERE id = $1", [first ? 1 : 2])
                    try connection.execute("SELECT pg_sleep(0.3)")
                    try connection.execute("UPDATE account SET balance = balance + 1 WHERE id = $1", [first ? 2 : 1])
                }
            }
            XCTAssertEqual(errors.map(\.kind), [.deadlockDetected])
            XCTAssertEqual(errors.first?.sqlState, "40P01")
            XCTAssertEqual(errors.first?.isTransient, true)
        }
    }

    /// Write skew under SERIALIZABLE: both transactions read what the other writes, so one must fail.
    func testSerializationFailureIsMappedAndTransient() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { try $0.execute("CREATE TABLE shift (worker int NOT NULL)") }
            let errors = try await concurrently(schema) { connection, first in
                try connection.transaction(isolation: .serializable) { connection in
                    _ = try connection.query("SELECT count(*) FROM shift")
                    try connection.execute("SELECT pg_sleep(0.3)")
                    try connection.execute("INSERT INTO shift (worker) VALUES ($1)", [first ? 1 : 2])
                }
            }
            XCTAssertEqual(errors.map(\.kind), [.serializationFailure])
            XCTAssertEqual(errors.first?.sqlState, "40001")
            XCTAssertEqual(errors.first?.isTransient, true)
        }
    }

    func testSQLStatesMapToKinds() {
        let kinds: [String: PostgresError.Kind] = [
            "23505": .uniqueViolation, "40001": .serializationFailure, "40P01": .deadlockDetected,
            "08006": .connectionLost, "08001": .connectionLost, "57P01": .connectionLost, "57P03": .connectionLost,
            "23503": .other, "42P01": .other,
        ]
        for (sqlState, kind) in kinds {
            XCTAssertEqual(PostgresError.Kind(sqlState: sqlState), kind, sqlState)
        }
        XCTAssertTrue(PostgresError(kind: .deadlockDetected, message: "").isTransient)
        XCTAssertTrue(PostgresError(kind: .serializationFailure, message: "").isTransient)
        XCTAssertTrue(PostgresError(kind: .connectionLost, message: "").isTransient)
        XCTAssertFalse(PostgresError(kind: .other, message: "").isTransient)
    }

    /// Runs `body` on two clients of `schema` at once (`first` tells them apart) and returns the
    /// ``PostgresError``s thrown.
    private func concurrently(
        _ schema: TestSchema, _ body: @escaping @Sendable (PostgresConnection, _ first: Bool) throws -> Void
    ) async throws -> [PostgresError] {
        let clients = [schema.makeClient(), schema.makeClient()]
        let errors = await withTaskGroup(of: PostgresError?.self) { group in
            for (index, client) in clients.enumerated() {
                group.addTask {
                    do {
                        try await client.withConnection { try body($0, index == 0) }
                        return nil
                    } catch {
                        return error as? PostgresError
                    }
                }
            }
            return await group.reduce(into: []) { errors, error in error.map { errors.append($0) } }
        }
        for client in clients {
            _ = try await client.scalar(Int.self, "SELECT 1")  // still usable
            await client.close()
        }
        return errors
    }

    func testUnreachableServerIsConnectionLost() async throws {
        let client = PostgresClient(
            configuration: PostgresConfiguration(url: "postgresql://nobody@127.0.0.1:1/none", connectTimeout: 2),
            logger: TestSchema.logger
        )
        do {
            try await client.withConnection { _ in }
            XCTFail("nothing listens on port 1")
        } catch let error as PostgresError {
            XCTAssertEqual(error.kind, .connectionLost)
            XCTAssertTrue(error.isTransient)
        }
        await client.close()
    }
}
