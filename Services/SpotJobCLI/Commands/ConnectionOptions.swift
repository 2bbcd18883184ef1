import AMQPClient
import ArgumentParser
import Foundation
import Logging
import PostgresClient

/// `--database-url` and `--amqp-url`, defaulting to the services' environment variables.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "libpq URL of the intake role (default: $DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "amqp:// URL of a broker user (default: $AMQP_URL).")
    var amqpURL: String?

    /// Warnings and errors only: the CLI's output is its own report.
    static let logger: Logger = {
        var logger = Logger(label: "spotjob")
        logger.logLevel = .warning
        return logger
    }()

    func database() throws -> PostgresClient {
        guard let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"] else {
            throw ValidationError("set DATABASE_URL or pass --database-url")
        }
        return PostgresClient(configuration: PostgresConfiguration(url: url, applicationName: "spotjob-cli"), logger: Self.logger)
    }

    func amqp() throws -> AMQPConfiguration {
        guard let url = amqpURL ?? ProcessInfo.processInfo.environment["AMQP_URL"] else {
            throw ValidationError("set AMQP_URL or pass --amqp-url")
        }
        return try AMQPConfiguration(url: url)
    }
}
