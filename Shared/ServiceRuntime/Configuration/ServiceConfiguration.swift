import Foundation
import Logging
import Messaging

/// What a service reads from its environment. Nothing is hard-coded: the local stack and
/// docker-compose set these variables.
///
/// | variable | meaning |
/// |---|---|
/// | `DATABASE_URL` | libpq URI of the service's own role, e.g. `postgresql://intake:…@localhost:25432/spotjob?sslmode=verify-full&sslrootcert=…` |
/// | `AMQP_URL` | `amqps://user:pass@host:port/spotjob?cacertfile=…` (or plain `amqp://`) of the service's broker user |
/// | `AMQP_CA_FILE` | the CA bundle an `amqps://` URL without `cacertfile` trusts; default the system's trust store |
/// | `LOG_LEVEL` | `trace` … `critical`, default `info` |
/// | `LOG_FORMAT` | `json` (one object per line) or `text`; default `json` unless stderr is a terminal |
/// | `MIGRATIONS_DIR` | folder holding `common/` and one folder per service; default: `deploy/migrations` found from the working directory or the executable upwards |
/// | `BATCH_SIZE` | deliveries taken at once, across all lanes, default 250 |
/// | `LANES` | database sessions a batch is spread over; messages with the same partition key (intake: sheet id) stay in order; default 2 |
/// | `INBOX_RETENTION_DAYS` | days an inbox row is kept (longer than any redelivery), default 14 |
/// | `REJECTED_RETENTION_DAYS` | days a refused message's raw body is kept, default 90 |
/// | `HTTP_HOST` | address the health and metrics server binds, default `0.0.0.0` (in a container, where compose maps the port); the local stack sets `127.0.0.1` |
/// | `HTTP_PORT` | port of `/health/live`, `/health/ready` and `/metrics`, default 8080 |
public struct ServiceConfiguration: Sendable {
    /// The service's name: its queue, dead-letter routing key and log label.
    public var service: String
    /// The schema its tables live in (the service's name, unless a test gives it a scratch schema).
    public var schema: String
    public var databaseURL: String
    public var amqpURL: String
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// The migration folders applied to ``schema``, in order: the shared messaging tables
    /// (`common/`), then the service's own.
    public var migrationDirectories: [URL]
    /// Deliveries taken at once, across all lanes.
    public var batchSize: Int
    public var lanes: Int
    public var httpHost: String
    public var httpPort: Int
    /// What the service deletes after a while (``RetentionPolicy``).
    public var retention: RetentionPolicy

    public enum LogFormat: String, Sendable { case json, text }

    /// A configuration given in code, for tests and tools that start a service without the environment.
    public init(
        service: String, schema: String? = nil, databaseURL: String, amqpURL: String, logLevel: Logger.Level = .info,
        logFormat: LogFormat = .text, migrationDirectories: [URL], batchSize: Int = 250, lanes: Int = 2,
        httpHost: String = "127.0.0.1", httpPort: Int = 0, retention: RetentionPolicy = RetentionPolicy()
    ) {
        self.service = service
        self.schema = schema ?? service
        self.databaseURL = databaseURL
        self.amqpURL = amqpURL
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.migrationDirectories = migrationDirectories
        self.batchSize = batchSize
        self.lanes = lanes
        self.httpHost = httpHost
        self.httpPort = httpPort
        self.retention = retention
    }

    /// Reads the configuration of `service` from `environment` (see the table above).
    /// - Throws: ``ConfigurationError`` naming the variable that is missing or invalid.
    public init(service: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func required(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else { throw ConfigurationError.missing(name) }
            return value
        }
        /// The parsed value of `name`, or `fallback` when it is not set.
        func optional<T>(_ name: String, _ fallback: @autoclosure () throws -> T, expected: String, _ parse: (String) -> T?) throws -> T {
            guard let text = environment[name] else { return try fallback() }
            guard let value = parse(text) else { throw ConfigurationError.invalid(name, "expected \(expected)") }
            return value
        }
        self.service = service
        schema = service
        databaseURL = try required("DATABASE_URL")
        amqpURL = try required("AMQP_URL")
        logLevel = try optional("LOG_LEVEL", .info, expected: "one of trace, debug, info, notice, warning, error, critical") {
            Logger.Level(rawValue: $0.lowercased())
        }
        logFormat = try optional("LOG_FORMAT", isatty(STDERR_FILENO) == 1 ? .text : .json, expected: "json or text") {
            LogFormat(rawValue: $0.lowercased())
        }
        let migrationsDirectory = try optional("MIGRATIONS_DIR", try Self.findMigrations(), expected: "a folder") {
            URL(fileURLWithPath: $0)
        }
        migrationDirectories = [
            migrationsDirectory.appendingPathComponent("common"), migrationsDirectory.appendingPathComponent(service),
        ]
        batchSize = try optional("BATCH_SIZE", 250, expected: "a whole number from 1 to 1000") {
            Int($0).flatMap { (1...1000).contains($0) ? $0 : nil }
        }
        lanes = try optional("LANES", 2, expected: "a whole number from 1 to 16") {
            Int($0).flatMap { (1...16).contains($0) ? $0 : nil }
        }
        httpHost = try optional("HTTP_HOST", "0.0.0.0", expected: "an IP address or host name") {
            $0.isEmpty || $0.contains(where: \.isWhitespace) ? nil : $0
        }
        retention = RetentionPolicy(
            inboxDays: try optional("INBOX_RETENTION_DAYS", 14, expected: "a whole number of days from 1 to 3650") {
                Int($0).flatMap { (1...3650).contains($0) ? $0 : nil }
            },
            rejectedDays: try optional("REJECTED_RETENTION_DAYS", 90, expected: "a whole number of days from 1 to 3650") {
                Int($0).flatMap { (1...3650).contains($0) ? $0 : nil }
            })
        httpPort = try optional("HTTP_PORT", 8080, expected: "a port number") {
            Int($0).flatMap { (0...65535).contains($0) ? $0 : nil }
        }
    }

    private static func findMigrations() throws -> URL {
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        for start in starts {
            var directory = start
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("deploy/migrations")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("common").path) {
                    return candidate
                }
                directory.deleteLastPathComponent()
            }
        }
        throw ConfigurationError.missing("MIGRATIONS_DIR (deploy/migrations was not found)")
    }
}

/// A missing or malformed environment variable.
public enum ConfigurationError: Error, CustomStringConvertible {
    case missing(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let name): "the environment variable \(name) is not set"
        case .invalid(let name, let why): "the environment variable \(name) is invalid: \(why)"
        }
    }
}
