import AMQPClient
import ArgumentParser
import Domain
import Foundation
import Logging
import PostgresClient

/// `--database-url`: the database role of the service a command reads, by default from the same
/// variable the local stack and compose set for that service (`INTAKE_DATABASE_URL`, …).
struct DatabaseOptions: ParsableArguments {
    @Option(help: "libpq URL of the service's role (default: $<SERVICE>_DATABASE_URL, e.g. $INTAKE_DATABASE_URL).")
    var databaseURL: String?

    /// A client with `service`'s role, on its schema (named after it).
    func client(for service: String) throws -> PostgresClient {
        let variable = "\(service.uppercased())_DATABASE_URL"
        guard let url = databaseURL ?? ProcessInfo.processInfo.environment[variable] else {
            throw ValidationError("set \(variable) or pass --database-url")
        }
        return PostgresClient(configuration: PostgresConfiguration(url: url, applicationName: "spotjob-cli", searchPath: service), logger: CLILogger.logger)
    }
}

/// `--amqp-url`: the broker user a command acts as, by default from its variable.
struct BrokerOptions: ParsableArguments {
    @Option(help: "amqps:// (or amqp://) URL of the broker user the command acts as (default: the user's variable, see `spotjob --help`).")
    var amqpURL: String?

    /// The broker users the CLI acts as, least privileged first.
    enum User: Hashable {
        /// A jobcenter's system, for what it sends about its municipality (sheets, profiles,
        /// placements, contacts, check-ins): `$JOBCENTER_<kommunekode>_AMQP_URL`.
        case jobcenter(kommunekode: String)
        /// Code of Care's event tooling, for sheets filled at Code of Care's own events (any
        /// municipality): `$EVENT_TOOLING_AMQP_URL`.
        case eventTooling
        /// What contract administration and billing staff send to billing (contracts, meetings,
        /// events, extras, mileage, credit requests): `$CONTRACTS_AMQP_URL`.
        case contracts
        /// Billing staff, who read issued documents from `billing.invoices` and nothing else:
        /// `$BILLING_STAFF_AMQP_URL`.
        case billingStaff
        /// Operator commands (dead-letter replay, invoices reannounce, jobcenters): `$SPOTJOB_ADMIN_AMQP_URL`.
        case administrator

        /// The jobcenter of `municipality` (a kommunekode or a name), or the administrator when it
        /// names none, so the service answers what is wrong with the message.
        static func jobcenter(about municipality: String?) -> User {
            municipality.flatMap(Municipalities.denmark.resolve).map { .jobcenter(kommunekode: $0.code) } ?? .administrator
        }

        /// The variables tried in order; the administrator stands in where a narrower user is not set up.
        var variables: [String] {
            switch self {
            case .jobcenter(let kode): ["JOBCENTER_\(kode)_AMQP_URL", "SPOTJOB_ADMIN_AMQP_URL"]
            case .eventTooling: ["EVENT_TOOLING_AMQP_URL", "SPOTJOB_ADMIN_AMQP_URL"]
            case .contracts: ["CONTRACTS_AMQP_URL", "SPOTJOB_ADMIN_AMQP_URL"]
            case .billingStaff: ["BILLING_STAFF_AMQP_URL", "SPOTJOB_ADMIN_AMQP_URL"]
            case .administrator: ["SPOTJOB_ADMIN_AMQP_URL"]
            }
        }
    }

    /// A publisher acting as `user`. It declares nothing: outside users may not (the services and the
    /// broker definitions declare the exchanges), so publishing before any service ever ran fails
    /// with the broker's "no exchange" error.
    func publisher(as user: User) throws -> AMQPPublisher {
        AMQPPublisher(configuration: try configuration(as: user), logger: CLILogger.logger)
    }

    func configuration(as user: User) throws -> AMQPConfiguration {
        try AMQPConfiguration(url: try url(as: user))
    }

    /// The URL of `user`: `--amqp-url`, or the first of its variables that is set.
    func url(as user: User) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let url = amqpURL ?? user.variables.lazy.compactMap({ environment[$0] }).first else {
            throw ValidationError("set \(user.variables[0]) or pass --amqp-url")
        }
        return url
    }
}

/// The CLI's logger: warnings and errors only, since the CLI's output is its own report.
enum CLILogger {
    static let logger: Logger = {
        var logger = Logger(label: "spotjob")
        logger.logLevel = .warning
        return logger
    }()
}
