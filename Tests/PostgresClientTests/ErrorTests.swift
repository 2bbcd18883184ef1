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

    /// libpq sends text parameters NUL-terminated: a value holding U+0000 would arrive cut short.
    func testStringBindWithNULIsRefusedBeforeAnythingIsSent() async throws {
        try await TestSchema.with { schema in
            try await schema.client.withConnection { connection in
                try connection.execute("CREATE TABLE sheet (id text PRIMARY KEY)")
                try connection.execute("INSERT INTO sheet (id) VALUES ('w1')")
                for binds: [(any PostgresEncodable)?] in [
                    ["w1\u{0}x"], [PostgresArray(["ok", "w1\u{0}x"])], [PostgresArray(binary: ["ok", "w1\u{0}x"])],
                ] {
                    do {
                        try connection.execute("DELETE FROM sheet WHERE id = ANY(string_to_array($1, ','))", binds)
                        XCTFail("a NUL in a bind is refused")
                    } catch let error as PostgresError {
                        XCTAssertEqual(error.kind, .invalidParameter)
                        XCTAssertFalse(error.isTransient)
                        XCTAssertTrue(error.description.contains("$1"), error.description)
                        XCTAssertFalse(error.description.contains("w1"), error.description)
                    }
                }
                let statements = [
                    PostgresStatement("DELETE FROM sheet WHERE id = $1", ["w1"]),
                    PostgresStatement("DELETE FROM sheet WHERE id = $1", ["w1\u{0}x"]),
                ]
                XCTAssertThrowsError(try connection.pipeline(statements)) { error in
                    XCTAssertEqual((error as? PostgresError)?.kind, .invalidParameter)
                }
                XCTAssertEqual(try connection.query("SELECT id FROM sheet").map { try $0.decode(String.self, at: 0) }, ["w1"],
                               "nothing was deleted, not even by the pipeline's first statement")
            }
        }
    }

    /// The server's message quotes the value it could not read; the description names the error by
    /// SQLSTATE, table, column and type instead.
    func testDescriptionNeverQuotesTheServersMessage() async throws {
        try await TestSchema.with { schema in
            let name = "Jens Hansen"
            do {
                try await schema.client.withConnection { connection in
                    try connection.execute("CREATE TABLE person (age integer CONSTRAINT adult CHECK (age >= 18))")
                    try connection.execute("INSERT INTO person (age) SELECT * FROM unnest($1::integer[])", [PostgresArray(["42", name])])
                }
                XCTFail("a name is not an integer")
            } catch let error as PostgresError {
                XCTAssertEqual(error.sqlState, "22P02")
                XCTAssertTrue(error.message.contains(name), "the server's message does quote it: \(error.message)")
                XCTAssertFalse(error.description.contains("Jens"), error.description)
                XCTAssertTrue(error.description.contains("SQLSTATE 22P02"), error.description)
            }
            do {
                try await schema.client.withConnection { try $0.execute("INSERT INTO person (age) VALUES ($1)", [17]) }
                XCTFail("the check constraint refuses 17")
            } catch let error as PostgresError {
                XCTAssertEqual(error.description, "PostgresError(other, SQLSTATE 23514, table \(schema.name).person, constraint adult)")
            }
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
