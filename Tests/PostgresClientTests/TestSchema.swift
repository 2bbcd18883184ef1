import Foundation
import Logging
import PostgresClient
import TestSupport
import XCTest

/// A schema of its own for one test, created as the admin role and dropped afterwards, so tests can
/// run side by side on the local stack.
struct TestSchema {
    let stack: LocalStack
    /// `test_<uuid>`, safe to splice into SQL unquoted.
    let name: String
    /// A client whose `search_path` is this schema.
    let client: PostgresClient

    static let logger: Logger = {
        var logger = Logger(label: "PostgresClientTests")
        logger.logLevel = .notice
        return logger
    }()

    /// Calls `body` with a fresh schema and drops it afterwards. Fails the test if the local stack's
    /// environment is missing.
    static func with(_ body: (TestSchema) async throws -> Void) async throws {
        let stack: LocalStack
        do {
            stack = try LocalStack.fromEnvironment()
        } catch {
            XCTFail("""
                PostgreSQL integration tests need the local stack: \
                `bash deploy/local-stack.sh up && source <(bash deploy/local-stack.sh env)` (\(error))
                """)
            throw error
        }
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = PostgresClient(configuration: PostgresConfiguration(url: stack.adminDatabaseURL), logger: logger)
        try await admin.withConnection { try $0.execute("CREATE SCHEMA \(name)") }
        let schema = TestSchema(stack: stack, name: name, client: makeClient(stack, schema: name))
        do {
            try await body(schema)
        } catch {
            await schema.drop(admin)
            throw error
        }
        await schema.drop(admin)
    }

    /// Another client on the same schema, with a connection of its own.
    func makeClient() -> PostgresClient {
        Self.makeClient(stack, schema: name)
    }

    private static func makeClient(_ stack: LocalStack, schema: String) -> PostgresClient {
        let configuration = PostgresConfiguration(
            url: stack.adminDatabaseURL, applicationName: "PostgresClientTests", searchPath: schema
        )
        return PostgresClient(configuration: configuration, logger: logger)
    }

    private func drop(_ admin: PostgresClient) async {
        await client.close()
        do {
            try await admin.withConnection { [name] in try $0.execute("DROP SCHEMA \(name) CASCADE") }
        } catch {
            XCTFail("dropping schema \(name): \(error)")
        }
        await admin.close()
    }
}

extension PostgresClient {
    /// The single value of a one-row, one-column query.
    nonisolated func scalar<T: PostgresDecodable & Sendable>(
        _ type: T.Type, _ sql: String, _ binds: [(any PostgresEncodable)?] = []
    ) async throws -> T {
        try await withConnection { connection in
            let rows = try connection.query(sql, binds)
            XCTAssertEqual(rows.count, 1, sql)
            return try rows[0].decode(T.self, at: 0)
        }
    }
}
