import Foundation
import Logging

/// Applies a service's SQL migration files to its schema, each once.
///
/// Reads the `*.sql` files of each directory (directories in the given order, files sorted by name) and
/// applies those not yet recorded in `<schema>.schema_migrations`, each file in its own transaction with
/// `search_path` set to the schema, so the files use unqualified names. A migration is named
/// `<directory name>/<file name>`. The run holds an advisory lock keyed on the schema, so replicas that
/// start together apply each file once: the others wait, then find nothing to do.
///
/// Migration files must not contain `BEGIN`, `COMMIT` or statements that cannot run in a transaction.
/// The schema must exist.
public struct Migrator: Sendable {
    public let schema: String
    public let directories: [URL]
    private let logger: Logger

    public init(schema: String, directories: [URL], logger: Logger) {
        self.schema = schema
        self.directories = directories
        self.logger = logger
    }

    /// Applies the pending migrations and returns their names, in the order applied.
    public func migrate(on client: PostgresClient) async throws -> [String] {
        let migrations = try directories.flatMap(Migration.files(in:))
        return try await client.withConnection { connection in
            try withLock(on: connection) { try apply(migrations, on: connection) }
        }
    }

    private func apply(_ migrations: [Migration], on connection: PostgresConnection) throws -> [String] {
        let table = "\(quotedSchema).schema_migrations"
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS \(table) (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        let applied = try Set(connection.query("SELECT name FROM \(table)").map { try $0.decode(String.self, at: 0) })
        var names: [String] = []
        for migration in migrations where !applied.contains(migration.name) {
            try connection.transaction { connection in
                try connection.execute("SET LOCAL search_path TO \(quotedSchema)")
                try connection.executeScript(migration.sql)
                guard connection.hasOpenTransaction else {
                    throw PostgresError(kind: .other, message: "migration \(migration.name) ended its transaction")
                }
                try connection.execute("INSERT INTO \(table) (name) VALUES ($1)", [migration.name])
            }
            logger.info("applied migration", metadata: ["schema": "\(schema)", "migration": "\(migration.name)"])
            names.append(migration.name)
        }
        return names
    }

    /// Runs `body` holding the session advisory lock for this schema's migrations.
    private func withLock<T>(on connection: PostgresConnection, _ body: () throws -> T) throws -> T {
        let key = "schema_migrations:\(schema)"
        try connection.execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key])
        let result: T
        do {
            result = try body()
        } catch {
            // A lost connection has released the lock already.
            _ = try? connection.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key])
            throw error
        }
        try connection.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key])
        return result
    }

    /// The schema as a quoted SQL identifier.
    private var quotedSchema: String {
        "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
