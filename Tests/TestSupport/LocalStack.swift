import Foundation

/// Connection URLs and restart hooks for the local PostgreSQL + RabbitMQ stack started by
/// `deploy/local-stack.sh up`.
///
/// Integration tests call ``fromEnvironment()`` after the shell has run
/// `source <(deploy/local-stack.sh env)`, which exports every URL and `SPOTJOB_STACK_SCRIPT`.
public struct LocalStack: Sendable {
    /// The services that own a PostgreSQL schema/role and a RabbitMQ user of the same name.
    public static let services = ["intake", "matching", "followup", "billing"]

    /// `postgresql://spotjob_admin:…@localhost:25432/spotjob?sslmode=verify-full&…` (superuser; for setup and assertions).
    public let adminDatabaseURL: String
    /// `amqps://spotjob-admin:…@localhost:25671/spotjob?cacertfile=…` (administrator, full permissions on the vhost).
    public let adminAMQPURL: String
    /// `amqps://billing-staff:…@…/spotjob` (may only read the `billing.invoices` queue).
    public let billingStaffAMQPURL: String
    /// `amqps://event-tooling:…@…/spotjob` (Code of Care's event tooling: sheets for any municipality).
    public let eventToolingAMQPURL: String
    /// The jobcenters the stack provisions (`jobcenter-<kommunekode>`, `JOBCENTER_<kommunekode>_AMQP_URL`).
    public static let jobcenters = ["615", "766", "183", "661"]
    /// `amqps://contracts:…@…/spotjob` (publishes only contracts and what bills them).
    public let contractsAMQPURL: String
    /// Absolute path of `deploy/local-stack.sh`, used for the restarts and `rabbitmqctl`.
    public let stackScript: String
    /// The stack's certificate authority (PEM), which its servers' certificates chain to.
    public let caFile: String
    /// RabbitMQ's plain (not TLS) port on loopback.
    public let plainAMQPPort: Int

    private let databaseURLs: [String: String]
    private let amqpURLs: [String: String]
    private let jobcenterAMQPURLs: [String: String]

    /// Errors raised while reading the environment or driving the stack script.
    public enum Error: Swift.Error, CustomStringConvertible, Sendable {
        /// An environment variable exported by `deploy/local-stack.sh env` is not set.
        case missingEnvironmentVariable(String)
        /// `local-stack.sh <command>` could not be launched, exited non-zero or was killed.
        case scriptFailed(command: String, reason: String)

        public var description: String {
            switch self {
            case .missingEnvironmentVariable(let name):
                return "environment variable \(name) is not set; start the local stack and export its URLs with "
                    + "`deploy/local-stack.sh up` and `source <(deploy/local-stack.sh env)`"
            case .scriptFailed(let command, let reason):
                return "`local-stack.sh \(command)` failed: \(reason); see its output above"
            }
        }
    }

    /// Reads every URL exported by `deploy/local-stack.sh env`.
    /// - Throws: ``Error/missingEnvironmentVariable(_:)`` naming the first variable that is missing.
    public static func fromEnvironment() throws -> LocalStack {
        try fromEnvironment(ProcessInfo.processInfo.environment)
    }

    /// Same as ``fromEnvironment()`` but reads from the given dictionary (handy for tests of tests).
    public static func fromEnvironment(_ environment: [String: String]) throws -> LocalStack {
        func require(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw Error.missingEnvironmentVariable(name)
            }
            return value
        }
        let adminDatabaseURL = try require("SPOTJOB_ADMIN_DATABASE_URL")
        let adminAMQPURL = try require("SPOTJOB_ADMIN_AMQP_URL")
        var databaseURLs: [String: String] = [:]
        var amqpURLs: [String: String] = [:]
        for service in services {
            let prefix = service.uppercased()
            databaseURLs[service] = try require("\(prefix)_DATABASE_URL")
            amqpURLs[service] = try require("\(prefix)_AMQP_URL")
        }
        return LocalStack(
            adminDatabaseURL: adminDatabaseURL,
            adminAMQPURL: adminAMQPURL,
            billingStaffAMQPURL: try require("BILLING_STAFF_AMQP_URL"),
            eventToolingAMQPURL: try require("EVENT_TOOLING_AMQP_URL"),
            contractsAMQPURL: try require("CONTRACTS_AMQP_URL"),
            stackScript: try require("SPOTJOB_STACK_SCRIPT"),
            caFile: try require("SPOTJOB_CA_FILE"),
            plainAMQPPort: try Int(require("SPOTJOB_AMQP_PORT")) ?? 0,
            databaseURLs: databaseURLs,
            amqpURLs: amqpURLs,
            jobcenterAMQPURLs: Dictionary(uniqueKeysWithValues: try jobcenters.map { ($0, try require("JOBCENTER_\($0)_AMQP_URL")) })
        )
    }

    /// The PostgreSQL URL of a service's own login role (its `search_path` is its schema).
    /// - Precondition: `service` is one of ``services``.
    public func databaseURL(service: String) -> String {
        guard let url = databaseURLs[service] else {
            preconditionFailure("unknown service '\(service)'; expected one of \(Self.services)")
        }
        return url
    }

    /// The AMQP URL of a service's RabbitMQ user (vhost `spotjob`).
    /// - Precondition: `service` is one of ``services``.
    public func amqpURL(service: String) -> String {
        guard let url = amqpURLs[service] else {
            preconditionFailure("unknown service '\(service)'; expected one of \(Self.services)")
        }
        return url
    }

    /// The AMQP URL of jobcenter `kommunekode`'s user, one of ``jobcenters``.
    public func jobcenterAMQPURL(_ kommunekode: String) -> String {
        guard let url = jobcenterAMQPURLs[kommunekode] else {
            preconditionFailure("the stack provisions no jobcenter \(kommunekode); expected one of \(Self.jobcenters)")
        }
        return url
    }

    /// The same stack reached without TLS: every AMQP URL on the plain loopback port, every
    /// database URL with `sslmode=disable`. For benchmarks that compare with the TLS figures.
    public func withoutTLS() -> LocalStack {
        func plainAMQP(_ url: String) -> String {
            guard var components = URLComponents(string: url) else { return url }
            components.scheme = "amqp"
            components.port = plainAMQPPort
            components.queryItems = nil
            return components.string ?? url
        }
        func plainDatabase(_ url: String) -> String {
            guard var components = URLComponents(string: url) else { return url }
            components.queryItems = [URLQueryItem(name: "sslmode", value: "disable")]
            return components.string ?? url
        }
        return LocalStack(
            adminDatabaseURL: plainDatabase(adminDatabaseURL), adminAMQPURL: plainAMQP(adminAMQPURL),
            billingStaffAMQPURL: plainAMQP(billingStaffAMQPURL), eventToolingAMQPURL: plainAMQP(eventToolingAMQPURL),
            contractsAMQPURL: plainAMQP(contractsAMQPURL), stackScript: stackScript, caFile: caFile,
            plainAMQPPort: plainAMQPPort, databaseURLs: databaseURLs.mapValues(plainDatabase),
            amqpURLs: amqpURLs.mapValues(plainAMQP), jobcenterAMQPURLs: jobcenterAMQPURLs.mapValues(plainAMQP))
    }

    /// Stops PostgreSQL (fast shutdown: open sessions are terminated) and starts it again.
    /// Returns once it accepts connections (well under a second).
    public func restartPostgres() async throws {
        try await runStackScript(["restart-postgres"])
    }

    /// Stops the RabbitMQ node process (clients get a connection.close) and starts it again.
    /// Returns once it accepts AMQP connections (several seconds).
    public func restartRabbitMQ() async throws {
        try await runStackScript(["restart-rabbitmq"])
    }

    /// Runs `rabbitmqctl` with `arguments` against the stack's RabbitMQ node (as
    /// `local-stack.sh rabbitmqctl` does: as root) and returns what it printed to standard output.
    public func rabbitmqctl(_ arguments: [String]) async throws -> String {
        try await runStackScript(["rabbitmqctl"] + arguments, capturingOutput: true)
    }

    /// Runs the script on a thread of its own, so the caller's actor (a test's main actor) and the
    /// tasks it started keep running meanwhile.
    @discardableResult
    private func runStackScript(_ arguments: [String], capturingOutput: Bool = false) async throws -> String {
        try await Task.detached { try self.runStackScriptBlocking(arguments, capturingOutput: capturingOutput) }.value
    }

    private func runStackScriptBlocking(_ arguments: [String], capturingOutput: Bool) throws -> String {
        let command = arguments.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: stackScript)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        // stderr (and stdout unless captured) are inherited so the script's messages show up in the test log.
        let output = Pipe()
        if capturingOutput { process.standardOutput = output }
        do {
            try process.run()
        } catch {
            throw Error.scriptFailed(command: command, reason: "could not launch \(stackScript): \(error)")
        }
        let printed = capturingOutput ? String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : ""
        process.waitUntilExit()
        let status = process.terminationStatus
        switch process.terminationReason {
        case .exit where status == 0:
            return printed
        case .exit:
            throw Error.scriptFailed(command: command, reason: "exited with status \(status)")
        default:
            throw Error.scriptFailed(command: command, reason: "killed by signal \(status)")
        }
    }
}
