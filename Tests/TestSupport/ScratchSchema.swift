import Foundation
import Logging
import PostgresClient

/// A schema of its own for one test, created as the admin role with the shared messaging tables
/// (`deploy/migrations/common`) applied, and a client whose `search_path` is that schema.
public struct ScratchSchema: Sendable {
    public let name: String
    public let client: PostgresClient

    /// The repository root, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var migrationsDirectory: URL { repositoryRoot.appendingPathComponent("deploy/migrations") }

    public static func create(on stack: LocalStack, migrations: [String] = ["common"], logger: Logger) async throws -> ScratchSchema {
        let name = "test_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = PostgresClient(configuration: PostgresConfiguration(url: stack.adminDatabaseURL), logger: logger)
        try await admin.withConnection { _ = try $0.execute("CREATE SCHEMA \(name)") }
        await admin.close()
        let client = PostgresClient(
            configuration: PostgresConfiguration(url: stack.adminDatabaseURL, searchPath: name), logger: logger)
        _ = try await Migrator(
            schema: name, directories: migrations.map { migrationsDirectory.appendingPathComponent($0) }, logger: logger
        ).migrate(on: client)
        return ScratchSchema(name: name, client: client)
    }

    /// A second client on the same schema (e.g. for a relay, which needs its own session).
    public func newClient(on stack: LocalStack, logger: Logger) -> PostgresClient {
        PostgresClient(configuration: PostgresConfiguration(url: stack.adminDatabaseURL, searchPath: name), logger: logger)
    }

    /// Runs one query and returns the first column of the first row as an integer (for counts).
    public func count(_ sql: String, _ binds: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await client.withConnection { try $0.query(sql, binds).first?.decode(Int.self, at: 0) ?? 0 }
    }
}
