import Foundation
import Logging

/// What a service reads from its environment. Nothing is hard-coded: the local stack and
/// docker-compose set these variables.
///
/// | variable | meaning |
/// |---|---|
/// | `DATABASE_URL` | libpq URI of the service's own role, e.g. `postgresql://intake:…@127.0.0.1:55432/spotjob` |
/// | `AMQP_URL` | `amqp://user:pass@host:port/spotjob` of the service's broker user |
/// | `LOG_LEVEL` | `trace` … `critical`, default `info` |
/// | `LOG_FORMAT` | `json` (one object per line) or `text`; default `json` unless stderr is a terminal |
/// | `MIGRATIONS_DIR` | folder holding `common/` and one folder per service; default: `deploy/migrations` found from the working directory or the executable upwards |
/// | `BATCH_SIZE` | messages handled per transaction, default 100 |
/// | `HTTP_PORT` | port of `/health/live`, `/health/ready` and `/metrics`, default 8080 |
public struct ServiceConfiguration: Sendable {
    public var service: String
    public var databaseURL: String
    public var amqpURL: String
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var migrationsDirectory: URL
    public var batchSize: Int
    public var httpPort: Int

    public enum LogFormat: String, Sendable { case json, text }

    /// Reads the configuration of `service` from `environment`.
    /// - Throws: ``ConfigurationError`` naming the variable that is missing or invalid.
    public init(service: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func required(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else { throw ConfigurationError.missing(name) }
            return value
        }
        self.service = service
        databaseURL = try required("DATABASE_URL")
        amqpURL = try required("AMQP_URL")
        if let level = environment["LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError.invalid("LOG_LEVEL", "expected one of trace, debug, info, notice, warning, error, critical")
            }
            logLevel = parsed
        } else {
            logLevel = .info
        }
        if let format = environment["LOG_FORMAT"] {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw ConfigurationError.invalid("LOG_FORMAT", "expected json or text")
            }
            logFormat = parsed
        } else {
            logFormat = isatty(STDERR_FILENO) == 1 ? .text : .json
        }
        if let directory = environment["MIGRATIONS_DIR"] {
            migrationsDirectory = URL(fileURLWithPath: directory)
        } else {
            guard let found = Self.findMigrations() else {
                throw ConfigurationError.missing("MIGRATIONS_DIR (deploy/migrations was not found)")
            }
            migrationsDirectory = found
        }
        if let batch = environment["BATCH_SIZE"] {
            guard let size = Int(batch), (1...1000).contains(size) else {
                throw ConfigurationError.invalid("BATCH_SIZE", "expected a whole number from 1 to 1000")
            }
            batchSize = size
        } else {
            batchSize = 100
        }
        if let port = environment["HTTP_PORT"] {
            guard let parsed = Int(port), (0...65535).contains(parsed) else {
                throw ConfigurationError.invalid("HTTP_PORT", "expected a port number")
            }
            httpPort = parsed
        } else {
            httpPort = 8080
        }
    }

    /// The migration folders of this service: the shared messaging tables first, then its own.
    public var migrationDirectories: [URL] {
        [migrationsDirectory.appendingPathComponent("common"), migrationsDirectory.appendingPathComponent(service)]
    }

    private static func findMigrations() -> URL? {
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
        return nil
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
